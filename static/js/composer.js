// The question box: it grows with its text, keeps a draft per chat in this browser (localStorage,
// never the server) until it is sent, is focused on a new chat, and its Send button turns into Stop
// while an answer is being written. A question refused because the session ended is sent again once
// the person has signed in (session-expiry.js shows the dialog). Also: Copy on each answer.
(function () {
  "use strict";

  const form = document.getElementById("composer");
  const input = document.getElementById("composer-input");
  if (!form || !input) return;
  const button = form.querySelector(".send-button");
  const list = document.getElementById("message-list");
  const key = "health-draft:" + (list ? list.dataset.sessionId : "new");
  const pendingKey = key + ":send-after-sign-in";

  // --- Drafts -----------------------------------------------------------------------------------
  function store(name, value) {
    try {
      if (value) window.localStorage.setItem(name, value);
      else window.localStorage.removeItem(name);
    } catch (error) {
      // Storage full or refused (private browsing): the draft simply isn't kept.
    }
  }

  function stored(name) {
    try {
      return window.localStorage.getItem(name) || "";
    } catch (error) {
      return "";
    }
  }

  // --- Growing with its text, up to the limit in composer.css ------------------------------------
  function grow() {
    input.style.height = "auto";
    input.style.height = input.scrollHeight + 2 + "px";
  }

  input.addEventListener("input", function () {
    store(key, input.value);
    grow();
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.target !== form) return;
    const status = event.detail.xhr.status;
    if (status === 401) {
      store(key, input.value);
      store(pendingKey, "1");
    } else if (status >= 200 && status < 300) {
      // By status, not htmx's `successful`: a new chat's first question is answered 204 with HX-Redirect,
      // and htmx leaves `successful` unset when it follows a redirect.
      store(key, "");
      store(pendingKey, "");
      grow();
    }
  });

  // --- Send becomes Stop while an answer is being written ----------------------------------------
  function streamingAnswer() {
    return document.querySelector("#messages [data-streaming]");
  }

  function showSendOrStop() {
    const streaming = streamingAnswer() !== null;
    // Only on a change: the button is inside what is observed, and writing its text is a mutation too.
    if (button.classList.contains("is-stop") === streaming) return;
    button.type = streaming ? "button" : "submit";
    button.textContent = streaming ? "■ Stop" : "Send";
    button.classList.toggle("is-stop", streaming);
    if (streaming) button.setAttribute("aria-label", "Stop the answer");
    else button.removeAttribute("aria-label");
  }

  button.addEventListener("click", function () {
    const answer = streamingAnswer();
    const stop = answer && answer.querySelector(".stop-button");
    if (button.type === "button" && stop) stop.click();
  });

  // Enter while an answer is written would be refused (one answer at a time): keep the text instead.
  form.addEventListener("htmx:confirm", function (event) {
    if (event.target === form && streamingAnswer()) event.preventDefault();
  });

  // The chat, not its message list: regenerating, editing and switching versions replace the list.
  const chat = document.querySelector(".chat");
  if (chat) {
    new MutationObserver(showSendOrStop).observe(chat, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["data-streaming"],
    });
  }

  // --- Copy on each answer ----------------------------------------------------------------------
  document.addEventListener("click", function (event) {
    const copy = event.target.closest(".copy-button");
    if (!copy || !navigator.clipboard) return;
    const text = copy.closest(".message").querySelector(".answer-text").innerText;
    navigator.clipboard.writeText(text).then(function () {
      copy.textContent = "Copied";
      setTimeout(function () {
        copy.textContent = "Copy";
      }, 2000);
    });
  });

  // --- On load ------------------------------------------------------------------------------------
  if (!input.value) input.value = stored(key);
  grow();
  showSendOrStop();
  if (!list || stored(pendingKey)) input.focus();
  // After htmx has set the form up (it does on DOMContentLoaded, and its script runs first).
  document.addEventListener("DOMContentLoaded", function () {
    if (!stored(pendingKey)) return;
    store(pendingKey, "");
    if (input.value.trim() && !streamingAnswer()) form.requestSubmit();
  });
})();
