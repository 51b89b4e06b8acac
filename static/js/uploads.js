// Attachments in the chat composer: the paperclip, drag and drop, paste, progress, errors and chips.
//
// Contract (see uploads/templates/uploads/composer_controls.html):
// - #composer (the form) may carry data-upload-url; otherwise #attach-input's is used.
// - #attach-button opens #attach-input (type=file, multiple); files dropped or pasted onto #composer upload too.
// - Each file is POSTed alone as multipart field "file" with XMLHttpRequest. A 201 answer is the chip's
//   HTML, which holds <input type="hidden" name="upload_ids">; any other answer's message is shown inline.
// - A chip's remove button deletes the (not yet sent) upload on the server and removes the chip.
// - window.HealthUploads: clear() empties the chips after a send; pending() counts uploads in flight;
//   upload(files) uploads a FileList or array. #composer gets a "health-uploads:change" event
//   ({pending, attached}) whenever that changes, and sending waits until nothing is pending.
(function () {
  "use strict";
  if (window.HealthUploads) return; // loaded again by an HTMX swap

  let pending = 0;

  const composer = () => document.getElementById("composer");
  const tray = () => document.getElementById("composer-attachments");
  const fileInput = () => document.getElementById("attach-input");

  function uploadUrl() {
    const form = composer();
    const input = fileInput();
    return (form && form.dataset.uploadUrl) || (input && input.dataset.uploadUrl) || "";
  }

  function csrfToken() {
    try {
      const headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      if (headers["X-CSRFToken"]) return headers["X-CSRFToken"];
    } catch (error) {
      // Not JSON: fall back to the cookie.
    }
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function formatSize(bytes) {
    const units = ["bytes", "KB", "MB", "GB"];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    return (unit === 0 ? value : value.toFixed(1)) + " " + units[unit];
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function announce() {
    const form = composer();
    if (!form) return;
    form.toggleAttribute("data-uploading", pending > 0);
    const attached = form.querySelectorAll("input[name=upload_ids]").length;
    form.dispatchEvent(new CustomEvent("health-uploads:change", { bubbles: true, detail: { pending, attached } }));
  }

  function dismissButton(label) {
    const button = element("button", "upload-chip-remove", "\u00d7");
    button.type = "button";
    button.title = "Dismiss";
    button.setAttribute("aria-label", label);
    return button;
  }

  function showError(chip, name, message) {
    chip.className = "upload-chip upload-chip-error";
    chip.setAttribute("role", "alert");
    chip.replaceChildren(
      element("span", "upload-chip-name", name),
      element("span", "upload-error-message", message),
      dismissButton("Dismiss the error about " + name)
    );
  }

  // The server's message: JSON {"error": {"message"}} or the HTML error fragment, read as text only.
  function serverMessage(xhr) {
    if (xhr.responseURL && /\/accounts\/login\//.test(xhr.responseURL)) {
      return "Your session has ended. Log in again, then attach the file again.";
    }
    const type = xhr.getResponseHeader("Content-Type") || "";
    try {
      if (type.indexOf("application/json") !== -1) {
        const body = JSON.parse(xhr.responseText);
        if (body.error && body.error.message) return body.error.message;
      } else if (type.indexOf("text/html") !== -1) {
        const doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
        const node = doc.querySelector(".upload-error-message");
        if (node && node.textContent.trim()) return node.textContent.trim();
      }
    } catch (error) {
      // Unreadable answer: use the generic message below.
    }
    if (xhr.status === 413) return "This file is too large to upload.";
    if (xhr.status === 403) return "The upload was refused. Reload the page and try again.";
    return "The upload failed (error " + xhr.status + "). Try again.";
  }

  function uploadFile(file) {
    const box = tray();
    if (!box) return;
    const chip = element("div", "upload-chip is-uploading");
    const progress = element("progress", "upload-progress");
    progress.max = 1;
    progress.value = 0;
    progress.setAttribute("aria-label", "Uploading " + file.name);
    const cancel = dismissButton("Cancel uploading " + file.name);
    chip.append(element("span", "upload-chip-name", file.name), progress, cancel);
    box.appendChild(chip);

    const input = fileInput();
    const maxBytes = Number(input && input.dataset.maxBytes) || 0;
    if (maxBytes && file.size > maxBytes) {
      showError(
        chip,
        file.name,
        "This file is " + formatSize(file.size) + "; the limit is " + formatSize(maxBytes) + ". Upload a smaller file."
      );
      return;
    }

    const xhr = new XMLHttpRequest();
    let finished = false;
    function finish() {
      if (finished) return;
      finished = true;
      pending -= 1;
      announce();
    }
    cancel.addEventListener("click", function () {
      xhr.abort();
    });
    xhr.open("POST", uploadUrl());
    xhr.setRequestHeader("X-CSRFToken", csrfToken());
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.setRequestHeader("Accept", "text/html");
    xhr.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) progress.value = event.loaded / event.total;
    });
    xhr.addEventListener("load", function () {
      if (xhr.status === 201) {
        const template = document.createElement("template");
        template.innerHTML = xhr.responseText.trim();
        chip.replaceWith(template.content);
      } else {
        showError(chip, file.name, serverMessage(xhr));
      }
      finish();
    });
    xhr.addEventListener("error", function () {
      showError(chip, file.name, "The upload failed: check your connection and try again.");
      finish();
    });
    xhr.addEventListener("abort", function () {
      chip.remove();
      finish();
    });
    const data = new FormData();
    data.append("file", file, file.name);
    pending += 1;
    announce();
    xhr.send(data);
  }

  function uploadFiles(files) {
    Array.prototype.forEach.call(files || [], uploadFile);
  }

  function removeChip(button) {
    const chip = button.closest(".upload-chip");
    if (!chip || chip.classList.contains("is-uploading")) return; // uploads cancel through their own handler
    const url = button.dataset.deleteUrl;
    chip.remove();
    announce();
    if (!url) return;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("X-CSRFToken", csrfToken());
    xhr.setRequestHeader("Accept", "application/json");
    xhr.send();
  }

  const hasFiles = (event) => event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") !== -1;

  document.addEventListener("click", function (event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest("#attach-button")) {
      const input = fileInput();
      if (input) input.click();
      return;
    }
    const remove = target.closest("#composer-attachments .upload-chip-remove");
    if (remove) removeChip(remove);
  });

  document.addEventListener("change", function (event) {
    if (event.target.id !== "attach-input") return;
    uploadFiles(event.target.files);
    event.target.value = ""; // choosing the same file again uploads it again
  });

  // Files dropped anywhere on the page must not replace it; only the composer takes them.
  document.addEventListener("dragover", function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    const form = composer();
    const over = Boolean(form && event.target instanceof Node && form.contains(event.target));
    event.dataTransfer.dropEffect = over ? "copy" : "none";
    if (form) form.classList.toggle("drag-over", over);
  });

  document.addEventListener("dragleave", function (event) {
    const form = composer();
    if (form && (!event.relatedTarget || !form.contains(event.relatedTarget))) form.classList.remove("drag-over");
  });

  document.addEventListener("drop", function (event) {
    if (!hasFiles(event)) return;
    event.preventDefault();
    const form = composer();
    if (!form) return;
    form.classList.remove("drag-over");
    if (event.target instanceof Node && form.contains(event.target)) uploadFiles(event.dataTransfer.files);
  });

  document.addEventListener("paste", function (event) {
    const form = composer();
    const files = event.clipboardData && event.clipboardData.files;
    if (!form || !files || !files.length || !(event.target instanceof Node) || !form.contains(event.target)) return;
    event.preventDefault();
    uploadFiles(files);
  });

  // A question sent while a file is still uploading would go without it.
  document.addEventListener(
    "submit",
    function (event) {
      if (pending === 0 || event.target !== composer()) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const box = tray();
      if (box && !box.querySelector(".upload-wait-note")) {
        const note = element("p", "upload-wait-note", "Wait until your files have finished uploading, then send.");
        note.setAttribute("role", "status");
        box.appendChild(note);
        setTimeout(function () {
          note.remove();
        }, 4000);
      }
    },
    true
  );

  window.HealthUploads = {
    clear: function () {
      const box = tray();
      if (box) box.replaceChildren();
      announce();
    },
    pending: function () {
      return pending;
    },
    upload: uploadFiles,
  };
})();
