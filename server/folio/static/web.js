// Folio's web pages: reading preferences (theme, font, size, width) remembered per browser,
// the Listen button (speech synthesis), and small conveniences. Every page works without it.
//
// Loaded in <head> without `defer`: the stored theme is applied before the first paint, so a
// dark-theme reader never sees a white flash. The rest waits for the document.
"use strict";

(function () {
  const STORAGE_KEY = "folio.reader";
  // The same choices and limits as the extension's reader view (extension/lib/settings.js).
  const DEFAULTS = { theme: "light", font: "serif", fontSize: 20, width: 65 };
  const THEMES = ["light", "sepia", "dark"];
  const FONTS = ["serif", "sans"];
  const STEPS = {
    fontSize: { min: 14, max: 32, step: 2, unit: "px" },
    width: { min: 45, max: 95, step: 10, unit: "ch" },
  };
  const root = document.documentElement;

  function readStored() {
    try {
      return JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
    } catch (error) {
      return null; // storage disabled, or a value this script did not write
    }
  }

  function systemTheme() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function normalize(stored) {
    const p = Object.assign({}, DEFAULTS, { theme: systemTheme() }, stored || {});
    const clamp = (value, limits, fallback) => {
      const number = Number(value);
      return Number.isFinite(number) ? Math.min(limits.max, Math.max(limits.min, number)) : fallback;
    };
    return {
      theme: THEMES.includes(p.theme) ? p.theme : DEFAULTS.theme,
      font: FONTS.includes(p.font) ? p.font : DEFAULTS.font,
      fontSize: clamp(p.fontSize, STEPS.fontSize, DEFAULTS.fontSize),
      width: clamp(p.width, STEPS.width, DEFAULTS.width),
    };
  }

  let prefs = normalize(readStored());

  function apply() {
    root.dataset.theme = prefs.theme;
    root.dataset.font = prefs.font;
    // CSSOM, not a style attribute: allowed by the page's Content-Security-Policy.
    root.style.setProperty("--reader-font-size", prefs.fontSize + STEPS.fontSize.unit);
    root.style.setProperty("--reader-width", prefs.width + STEPS.width.unit);
    if (document.readyState !== "loading") showPrefs();
  }

  function change(update) {
    prefs = normalize(Object.assign({}, prefs, update));
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(prefs));
    } catch (error) {
      // Private windows may refuse storage: the choice still holds for this page.
    }
    apply();
  }

  function showPrefs() {
    for (const button of document.querySelectorAll("[data-theme-choice]")) {
      button.setAttribute("aria-pressed", String(button.dataset.themeChoice === prefs.theme));
    }
    for (const button of document.querySelectorAll("[data-font-choice]")) {
      button.setAttribute("aria-pressed", String(button.dataset.fontChoice === prefs.font));
    }
    for (const button of document.querySelectorAll("[data-step]")) {
      const limits = STEPS[button.dataset.step];
      const value = prefs[button.dataset.step];
      button.disabled = Number(button.dataset.by) < 0 ? value <= limits.min : value >= limits.max;
    }
    for (const output of document.querySelectorAll("[data-show]")) {
      output.textContent = String(prefs[output.dataset.show]);
    }
  }

  apply();

  // --- once the page is there ---

  function wirePrefs() {
    for (const element of document.querySelectorAll("[data-needs-js]")) element.hidden = false;
    for (const button of document.querySelectorAll("[data-theme-choice]")) {
      button.addEventListener("click", () => change({ theme: button.dataset.themeChoice }));
    }
    for (const button of document.querySelectorAll("[data-font-choice]")) {
      button.addEventListener("click", () => change({ font: button.dataset.fontChoice }));
    }
    for (const button of document.querySelectorAll("[data-step]")) {
      button.addEventListener("click", () => {
        const name = button.dataset.step;
        change({ [name]: prefs[name] + Number(button.dataset.by) * STEPS[name].step });
      });
    }
    // Another tab changed the preferences: follow it.
    window.addEventListener("storage", (event) => {
      if (event.key === STORAGE_KEY) {
        prefs = normalize(readStored());
        apply();
      }
    });
    showPrefs();
  }

  // Menus are <details>: they open without JavaScript; with it, Escape and a click elsewhere close them.
  function wireMenus() {
    const menus = [...document.querySelectorAll("details.menu")];
    document.addEventListener("click", (event) => {
      for (const menu of menus) {
        if (menu.open && !menu.contains(event.target)) menu.open = false;
      }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      for (const menu of menus) {
        if (menu.open) {
          menu.open = false;
          menu.querySelector("summary").focus();
        }
      }
    });
  }

  // --- Listen: the article read aloud by the browser's own voices ---

  /** The elements not inside another of them: a <p> in a <li> is read once, with its item. */
  function outermost(elements) {
    const chosen = new Set(elements);
    return [...elements].filter((element) => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        if (chosen.has(parent)) return false;
      }
      return true;
    });
  }

  function wireListen() {
    const controls = document.querySelector("[data-listen]");
    const article = document.getElementById("article");
    if (!controls || !article || !window.speechSynthesis || typeof window.SpeechSynthesisUtterance !== "function") {
      return; // the controls stay hidden
    }
    const synth = window.speechSynthesis;
    const start = controls.querySelector("[data-listen-start]");
    const pause = controls.querySelector("[data-listen-pause]");
    const stop = controls.querySelector("[data-listen-stop]");
    const pauseLabel = pause.querySelector("span");

    function show(mode) {
      start.hidden = mode !== "idle";
      pause.hidden = mode === "idle";
      stop.hidden = mode === "idle";
      pauseLabel.textContent = mode === "paused" ? "Resume" : "Pause";
    }

    start.addEventListener("click", () => {
      synth.cancel();
      // One utterance per block: some engines stop a long utterance after about 15 seconds.
      const blocks = [article.querySelector(".reader-title"), ...outermost(
        article.querySelectorAll(".reader-content :is(p, h2, h3, h4, h5, h6, li, blockquote, figcaption, td, pre)"))]
        .map((element) => element.textContent.replace(/\s+/g, " ").trim())
        .filter(Boolean);
      if (!blocks.length) return;
      blocks.forEach((text, index) => {
        const utterance = new SpeechSynthesisUtterance(text);
        if (article.lang) utterance.lang = article.lang;
        if (index === blocks.length - 1) {
          utterance.addEventListener("end", () => show("idle"));
          utterance.addEventListener("error", () => show("idle"));
        }
        synth.speak(utterance);
      });
      show("speaking");
    });
    pause.addEventListener("click", () => {
      if (synth.paused) {
        synth.resume();
        show("speaking");
      } else {
        synth.pause();
        show("paused");
      }
    });
    stop.addEventListener("click", () => {
      synth.cancel();
      show("idle");
    });
    window.addEventListener("pagehide", () => synth.cancel());
    show("idle");
    controls.hidden = false;
  }

  // --- small conveniences ---

  function wireForms() {
    // The sort menu applies at once (without JavaScript, the Search button applies it).
    for (const select of document.querySelectorAll("select[data-autosubmit]")) {
      select.addEventListener("change", () => select.form.requestSubmit());
    }
    for (const input of document.querySelectorAll("[data-select-on-focus]")) {
      input.addEventListener("focus", () => input.select());
    }
    for (const button of document.querySelectorAll("[data-copy]")) {
      const source = document.querySelector(button.dataset.copy);
      if (!source || !navigator.clipboard) continue;
      button.hidden = false;
      button.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(source.value);
          button.textContent = "Copied";
        } catch (error) {
          source.focus();
          source.select();
          button.textContent = "Press Ctrl+C to copy";
        }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    wirePrefs();
    wireMenus();
    wireListen();
    wireForms();
  });
})();
