// Changes made in the person's other tabs, shown in this one (chat/live_tabs.py).
//
// The chat's WebSocket (chat.js) hands over "change" frames: a kind and a chat's id, never its content.
// This page then fetches what it shows of that chat through the ordinary pages. Every request this tab
// makes names the tab (X-Tab-Id), and the server names it in the changes it causes, so this tab skips
// its own: its own request already brought the page up to date.
(function () {
  "use strict";

  const tabId =
    window.crypto && window.crypto.randomUUID
      ? window.crypto.randomUUID()
      : Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);

  document.body.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-Tab-Id"] = tabId;
  });

  function shownChatId() {
    const list = document.getElementById("message-list");
    return list ? list.dataset.sessionId : null;
  }

  function refreshMessages() {
    // chat.js watches any answer still being written once htmx has settled the new list.
    htmx.ajax("GET", window.location.pathname, { target: "#message-list", swap: "outerHTML", select: "#message-list" });
  }

  // A rename, pin or archive: the sidebar entry and, for the chat on screen, its title, as this page now has them.
  function refreshChat(sessionId, onScreen) {
    fetch(window.location.pathname, { headers: { "X-Tab-Id": tabId }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null) return;
        const fresh = new DOMParser().parseFromString(html, "text/html");
        const item = document.getElementById("session-" + sessionId);
        const freshItem = fresh.getElementById("session-" + sessionId);
        if (item && freshItem) {
          const adopted = document.importNode(freshItem, true);
          item.replaceWith(adopted);
          htmx.process(adopted);
        } else if (item) {
          item.remove(); // archived or unarchived: no longer in the list this page shows
        }
        const title = document.querySelector(".chat-title");
        const freshTitle = fresh.querySelector(".chat-title");
        if (onScreen && title && freshTitle) {
          title.textContent = freshTitle.textContent;
          document.title = fresh.title;
        }
      })
      .catch(function () {
        // Offline for a moment: the page is as it was, and a reload brings it up to date.
      });
  }

  function chatDeleted(sessionId, onScreen) {
    const item = document.getElementById("session-" + sessionId);
    if (item) item.remove();
    if (!onScreen) return;
    const notice = document.querySelector(".chat-deleted");
    if (notice) notice.hidden = false;
    document.querySelectorAll("#message-list, #composer, .records-toggle").forEach(function (element) {
      element.inert = true;
    });
  }

  document.addEventListener("chat:tab-change", function (event) {
    const change = event.detail;
    if (change.origin && change.origin === tabId) return;
    const onScreen = shownChatId() === change.session_id;
    if (change.kind === "messages" && onScreen) refreshMessages();
    else if (change.kind === "chat") refreshChat(change.session_id, onScreen);
    else if (change.kind === "deleted") chatDeleted(change.session_id, onScreen);
  });
})();
