"""Getting a model to run: from the Hub, a local folder, or built here with random weights."""
