// The chat page: the composer's keys, and live answers over one WebSocket per open chat.
//
// Every answer being written is an element with data-streaming and data-seq (the sequence number
// of the text it shows). The socket "watches" each one; the server sends a snapshot (text up to a
// sequence number) and then numbered deltas. A delta is applied only if it is the next one, a
// snapshot only if it is newer, so reconnecting, reloading or a second tab never doubles or skips.
(function () {
  "use strict";

  const chat = document.querySelector(".chat[data-ws-url]");
  let socket = null;

  // --- The composer: Enter sends, Shift+Enter makes a new line. ---------------------------------
  document.addEventListener("keydown", function (event) {
    const input = event.target;
    if (input.id !== "composer-input" || event.key !== "Enter" || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    if (input.value.trim() || input.form.querySelector("input[name=upload_ids]")) input.form.requestSubmit();
  });

  document.addEventListener("click", function (event) {
    const example = event.target.closest(".example-question");
    if (!example) return;
    const input = document.getElementById("composer-input");
    input.value = example.dataset.question;
    input.focus();
  });

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (event.target.id === "composer") {
      document.getElementById("composer-error").innerHTML = "";
      event.target.querySelector(".send-button").disabled = true;
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.target.id !== "composer") return;
    event.target.querySelector(".send-button").disabled = false;
    if (event.detail.successful && event.detail.xhr.status < 300) {
      document.getElementById("composer-input").value = "";
      if (window.HealthUploads) window.HealthUploads.clear();
    }
  });

  // Swaps that add nothing to the conversation; the status line's poll would pull a reader down every 5 s.
  const NOT_SCROLLING = "#model-status, .sidebar, .session-list, .session-item, .records-toggle";

  // "Load earlier messages" keeps the reading position: the message that was first stays where it was.
  let readingAnchor = null;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    if (!event.target.closest(".load-earlier")) return;
    const first = document.querySelector("#message-list .message");
    readingAnchor = first ? { element: first, top: first.getBoundingClientRect().top } : null;
  });

  function keepReadingPosition() {
    if (!readingAnchor || !readingAnchor.element.isConnected) return;
    window.scrollBy(0, readingAnchor.element.getBoundingClientRect().top - readingAnchor.top);
  }

  // htmx settles each element it swapped in; the target is the one they replaced.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    watchAll();
    const target = event.detail.target;
    if (target && target.closest(".load-earlier")) keepReadingPosition();
    else if (!target || !target.closest(NOT_SCROLLING)) scrollToBottom(false);
  });

  if (!chat) return;

  // --- Live answers ---------------------------------------------------------------------------
  function answerElement(messageId) {
    return document.getElementById("message-" + messageId);
  }

  function textOf(element) {
    return element.querySelector(".streaming-text");
  }

  function watch(element) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({ type: "watch", message_id: Number(element.dataset.messageId) }));
    element.dataset.watched = "1";
  }

  function watchAll() {
    document.querySelectorAll("[data-streaming]:not([data-watched])").forEach(watch);
  }

  function isNearBottom() {
    return window.innerHeight + window.scrollY >= document.body.scrollHeight - 120;
  }

  function scrollToBottom(onlyIfNear) {
    if (!onlyIfNear || isNearBottom()) window.scrollTo(0, document.body.scrollHeight);
  }

  function applySnapshot(element, data) {
    if (data.seq < Number(element.dataset.seq)) return;
    element.dataset.seq = data.seq;
    textOf(element).textContent = data.text;
    showQueue(element, data.queue_position);
  }

  function applyDelta(element, data) {
    const seq = Number(element.dataset.seq);
    if (data.seq <= seq) return; // already shown (from a snapshot)
    if (data.seq > seq + 1) {
      // A gap: ask again; the snapshot fills it, later deltas continue from there.
      watch(element);
      return;
    }
    const near = isNearBottom();
    element.dataset.seq = data.seq;
    textOf(element).textContent += data.text;
    showQueue(element, 0);
    if (near) scrollToBottom(false);
  }

  function showQueue(element, position) {
    const note = element.querySelector(".queue-note");
    if (!note) return;
    if (position) {
      note.hidden = false;
      note.textContent = position === 1 ? "You are next in line…" : "Waiting in line: position " + position + "…";
    } else {
      note.hidden = true;
    }
  }

  function finish(element) {
    // The final answer is rendered (Markdown, sanitised) by the server.
    delete element.dataset.streaming;
    htmx.ajax("GET", element.dataset.fragmentUrl, { target: element, swap: "outerHTML" });
  }

  function connect() {
    window.HealthSocket.open(chat.dataset.wsUrl, {
      open: function (current) {
        socket = current;
        document.querySelectorAll("[data-watched]").forEach(function (element) {
          delete element.dataset.watched;
        });
        watchAll();
      },
      message: function (data) {
        if (data.type === "change") {
          // A change made in another tab: live-tabs.js brings this page up to date.
          document.dispatchEvent(new CustomEvent("chat:tab-change", { detail: data }));
          return;
        }
        const element = data.message_id ? answerElement(data.message_id) : null;
        if (!element) return;
        if (data.type === "snapshot") applySnapshot(element, data);
        else if (data.type === "delta") applyDelta(element, data);
        else if (data.type === "queued") showQueue(element, data.position);
        else if (data.type === "done") finish(element);
      },
    });
  }

  connect();
  scrollToBottom(false);
})();
