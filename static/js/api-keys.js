// The API keys page (templates/accounts/api_keys.html): copying a new key, and a refused form's errors.
//
// Contract (see templates/accounts/partials/api_keys.html):
// - A button with data-copy="<id>" copies the value of the input with that id. It is hidden until this
//   script shows it: without JavaScript the key is still there, in a read-only field, to select and copy.
// - Focusing .api-key-secret selects the whole key.
// - The form posts with HTMX into #api-keys. HTMX swaps no 4xx answer by default; a 400 there is the form
//   again with what is wrong, so it is swapped in like a success.
(function () {
  "use strict";
  if (window.HealthApiKeys) return;
  window.HealthApiKeys = true;

  function showCopyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    field.focus();
    field.select();
    const done = function () {
      button.textContent = "Copied";
    };
    const manual = function () {
      button.textContent = "Press Ctrl+C (⌘C) to copy";
    };
    // The clipboard API needs a secure context (HTTPS or localhost); elsewhere the key is selected to copy by hand.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, manual);
    } else {
      manual();
    }
  });

  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("api-key-secret")) event.target.select();
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    const target = event.detail.target;
    if (event.detail.xhr.status === 400 && target && target.id === "api-keys") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:afterSwap", showCopyButtons);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showCopyButtons);
  } else {
    showCopyButtons();
  }
})();
