// A session that ended (logged out in another tab, expired): a "signed out" dialog, never a login page
// pasted into a fragment. The server answers a script's request without a session with a 401 marked
// X-Signed-Out (healthassistant/signed_out.py); every XMLHttpRequest (htmx's and the uploads') and
// every fetch is watched for it here, in one place. Others ask for the dialog with
// window.HealthSession.signedOut(); composer.js keeps the question and sends it after signing in.
(function () {
  "use strict";

  const LOGIN_URL = "/accounts/login/";
  let dialog = null;

  function loginUrl(base) {
    return (base || LOGIN_URL) + "?next=" + encodeURIComponent(window.location.pathname + window.location.search);
  }

  function build(base) {
    const element = document.createElement("dialog");
    element.id = "signed-out-dialog";
    element.className = "signed-out-dialog";
    element.setAttribute("aria-labelledby", "signed-out-title");
    const title = document.createElement("h2");
    title.id = "signed-out-title";
    title.textContent = "You've been signed out";
    const text = document.createElement("p");
    text.textContent = "Sign in to continue. What you typed is kept, and a question you sent is sent once you are back.";
    const link = document.createElement("a");
    link.className = "button button-primary";
    link.href = loginUrl(base);
    link.textContent = "Sign in to continue";
    element.append(title, text, link);
    // Escape must not leave the page looking usable when nothing it asks for can work.
    element.addEventListener("cancel", function (event) {
      event.preventDefault();
    });
    document.body.appendChild(element);
    return element;
  }

  function signedOut(base) {
    if (!dialog) dialog = build(base);
    if (!dialog.open) {
      dialog.showModal();
      dialog.querySelector("a").focus();
    }
    document.dispatchEvent(new CustomEvent("health:signed-out"));
  }

  function isSignedOut(status, header) {
    return status === 401 && header === "1";
  }

  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function () {
    this.addEventListener("load", function () {
      if (isSignedOut(this.status, this.getResponseHeader("X-Signed-Out"))) signedOut();
    });
    return send.apply(this, arguments);
  };

  if (window.fetch) {
    const originalFetch = window.fetch;
    window.fetch = function () {
      return originalFetch.apply(this, arguments).then(function (response) {
        if (isSignedOut(response.status, response.headers.get("X-Signed-Out"))) signedOut();
        return response;
      });
    };
  }

  window.HealthSession = { signedOut: signedOut };
})();
