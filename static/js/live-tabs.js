// Changes made in the person's other tabs, shown in this one (chat/live_tabs.py).
//
// The chat's WebSocket (chat.js), or on a page without a chat this file's own, hands over "change" frames:
// a kind and a chat's id, never its content.
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

  // This page as the server now renders it, parsed; null when it can't be had (offline for a moment).
  function freshPage() {
    return fetch(window.location.pathname, { headers: { "X-Tab-Id": tabId }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        return html === null ? null : new DOMParser().parseFromString(html, "text/html");
      })
      .catch(function () {
        return null;
      });
  }

  function adopt(element, fresh) {
    const adopted = document.importNode(fresh, true);
    element.replaceWith(adopted);
    htmx.process(adopted);
  }

  // The chat list as this page now has it: a new chat joins it, and chats keep their order by latest
  // activity. A search or the archived chats, which the person is looking through, are left as they are.
  function isPlainList(list) {
    return list !== null && list.querySelector(".list-heading") === null;
  }

  function refreshSidebar() {
    if (!isPlainList(document.getElementById("session-list"))) return;
    freshPage().then(function (fresh) {
      const list = document.getElementById("session-list");
      const freshList = fresh && fresh.getElementById("session-list");
      if (isPlainList(list) && freshList) adopt(list, freshList);
    });
  }

  // A rename, pin or archive: the sidebar entry and, for the chat on screen, its title, as this page now has them.
  function refreshChat(sessionId, onScreen) {
    freshPage()
      .then(function (fresh) {
        if (fresh === null) return;
        const list = document.getElementById("session-list");
        const freshList = fresh.getElementById("session-list");
        const item = document.getElementById("session-" + sessionId);
        const freshItem = fresh.getElementById("session-" + sessionId);
        if (isPlainList(list) && freshList) {
          adopt(list, freshList); // a pinned chat moves to the top
        } else if (item && freshItem) {
          adopt(item, freshItem);
        } else if (item) {
          item.remove(); // archived or unarchived: no longer in the list this page shows
        }
        const title = document.querySelector(".chat-title");
        const freshTitle = fresh.querySelector(".chat-title");
        if (onScreen && title && freshTitle) {
          title.textContent = freshTitle.textContent;
          document.title = fresh.title;
        }
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
    if (change.kind === "messages") {
      if (onScreen) refreshMessages();
      refreshSidebar();
    } else if (change.kind === "chat") refreshChat(change.session_id, onScreen);
    else if (change.kind === "deleted") chatDeleted(change.session_id, onScreen);
  });

  // A page with no chat on screen (a new chat) has no chat socket (chat.js): it holds one that only hears
  // of the other tabs' changes, so that a chat started elsewhere joins its list too.
  function listenWithoutChat() {
    window.HealthSocket.open("/ws/tabs/", {
      open: function () {
        document.body.dataset.liveTabs = "listening"; // for the browser tests: changes reach this page now
      },
      message: function (data) {
        if (data.type === "change") document.dispatchEvent(new CustomEvent("chat:tab-change", { detail: data }));
      },
    });
  }

  if (!document.querySelector(".chat[data-ws-url]") && document.getElementById("session-list")) listenWithoutChat();
})();
