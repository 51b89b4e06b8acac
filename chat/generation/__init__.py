"""From a saved question to a saved answer: everything between the chat's services and the engine.

Opened in this order, the modules follow a question:

- protocol.py: the messages on the channel layer. A service sends a job naming the answer to the
  "inference" channel; the worker's words about the answer go to the group "answer.<id>".
- worker.py: the Channels consumer on "inference"; each job becomes an AnswerRun.
- conversation.py: the chat's saved history becomes the engine's GenerationRequest;
  attachments.py decides what of each message's uploads (images, document text) the model sees.
- answer_run.py: submits the request to this process's engine, relays numbered deltas, saves the
  partial answer about once a second and the final one at the end.
- process_engine.py: this process's engine (chat/inference), configured from settings.
- model_status.py: the engine's status, published by the worker and read by every web process.
- startup.py: where inference runs (the web process by default, or `manage.py inference_worker`)
  and what starting it does.
"""
