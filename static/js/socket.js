// A WebSocket to this server that comes back (the chat's in chat.js, the other tabs' changes in live-tabs.js).
//
// After a drop it reconnects, waiting 0.5 s and twice as long each time, up to 10 s. Closed with 4401
// (the login it was opened with ended) it tries once more if it had opened, as a password change in
// this browser renews the cookie; refused before opening means signed out, and it stops. Closed with
// 4404 (what it was opened for is gone), it stops.
(function () {
  "use strict";

  window.HealthSocket = {
    // handlers.open(socket) on each (re)connection; handlers.message(data) with each frame, parsed.
    open: function (path, handlers) {
      const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
      let retryDelay = 500;
      function connect() {
        const socket = new WebSocket(scheme + window.location.host + path);
        let opened = false;
        socket.addEventListener("open", function () {
          opened = true;
          retryDelay = 500;
          if (handlers.open) handlers.open(socket);
        });
        socket.addEventListener("message", function (event) {
          handlers.message(JSON.parse(event.data));
        });
        socket.addEventListener("close", function (event) {
          if (event.code === 4404) return;
          if (event.code === 4401) {
            if (opened) connect();
            return;
          }
          setTimeout(connect, retryDelay);
          retryDelay = Math.min(retryDelay * 2, 10000);
        });
      }
      connect();
    },
  };
})();
