// Phone and keyboard: the sidebar drawer and the ⋯ menus.
//
// On a narrow screen the sidebar is a drawer. ☰ (a button) opens and closes it, as do Escape and a tap
// outside it. While it is open, Tab goes round ☰ and the drawer only, and the page behind is inert;
// while it is closed, the drawer itself is inert, so focus never goes into what can't be seen.
// A ⋯ menu (details.session-menu) closes on Escape, giving focus back to its ⋯, and on a click outside it.
(function () {
  "use strict";

  const button = document.querySelector(".nav-toggle-button");
  const sidebar = document.getElementById("sidebar");
  const main = document.getElementById("main");
  const phone = window.matchMedia("(max-width: 800px)");
  const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), summary, textarea, select";

  // --- The drawer ---------------------------------------------------------------------------------
  if (button && sidebar && main) {
    const backdrop = document.createElement("div");
    backdrop.className = "drawer-backdrop";
    backdrop.hidden = true;
    sidebar.after(backdrop);

    const isOpen = function () {
      return sidebar.classList.contains("is-open");
    };

    const setOpen = function (open) {
      const drawer = phone.matches;
      sidebar.classList.toggle("is-open", open && drawer);
      button.setAttribute("aria-expanded", String(open && drawer));
      sidebar.inert = drawer && !open;
      main.inert = drawer && open;
      backdrop.hidden = !(drawer && open);
    };

    const focusables = function () {
      const inside = Array.from(sidebar.querySelectorAll(FOCUSABLE)).filter(function (element) {
        return element.getClientRects().length > 0;
      });
      return [button].concat(inside);
    };

    button.addEventListener("click", function () {
      const open = !isOpen();
      setOpen(open);
      if (open) focusables()[1]?.focus();
    });
    backdrop.addEventListener("click", function () {
      setOpen(false);
    });
    phone.addEventListener("change", function () {
      setOpen(false);
    });

    document.addEventListener("keydown", function (event) {
      if (!isOpen()) return;
      if (event.key === "Escape" && !document.querySelector("details.session-menu[open]")) {
        setOpen(false);
        button.focus();
      } else if (event.key === "Tab") {
        const items = focusables();
        const index = items.indexOf(document.activeElement);
        const next = event.shiftKey ? index - 1 : index + 1;
        if (index === -1 || next < 0 || next >= items.length) {
          event.preventDefault();
          items[next < 0 ? items.length - 1 : 0].focus();
        }
      }
    });

    setOpen(false);
  }

  // --- ⋯ menus ------------------------------------------------------------------------------------
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("details.session-menu[open]").forEach(function (menu) {
      const hadFocus = menu.contains(document.activeElement);
      menu.open = false;
      if (hadFocus) menu.querySelector("summary").focus();
    });
  });

  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.session-menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.open = false;
    });
  });
})();
