// Light or dark, before the first paint: loaded without defer in <head>, it sets <html data-theme>.
// The choice lives in this browser only (localStorage "theme": "light" or "dark"; none follows the system),
// and the Account page's "Appearance" radios change it.
(function () {
  "use strict";
  var KEY = "theme";
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");

  function stored() {
    try {
      var choice = window.localStorage.getItem(KEY);
      return choice === "light" || choice === "dark" ? choice : "system";
    } catch (error) {
      return "system"; // Storage refused (a locked-down browser): follow the system.
    }
  }

  function apply() {
    var choice = stored();
    if (choice === "system") {
      choice = systemDark.matches ? "dark" : "light";
    }
    document.documentElement.setAttribute("data-theme", choice);
  }

  function choose(choice) {
    try {
      if (choice === "system") {
        window.localStorage.removeItem(KEY);
      } else {
        window.localStorage.setItem(KEY, choice);
      }
    } catch (error) {
      // Not kept: it still applies to this page.
    }
    apply();
  }

  apply();
  systemDark.addEventListener("change", apply);
  // Another tab changed it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY || event.key === null) {
      apply();
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var switcher = document.getElementById("theme-switch");
    if (!switcher) {
      return;
    }
    var current = switcher.querySelector("input[value='" + stored() + "']");
    if (current) {
      current.checked = true;
    }
    switcher.addEventListener("change", function (event) {
      choose(event.target.value);
    });
    switcher.hidden = false; // Shown only where it works.
  });
})();
