/* scopesite: small enhancements. Each one has a fallback on the same page that
   works without JavaScript; this file only adds to it. */
(function () {
  "use strict";

  var MINUTE = 60000;
  var UNIT_MINUTES = { minute: 1, hour: 60, day: 1440 };
  var PARTS = ["major", "minor", "patch"];

  /* Wizard pages: after each step, start keyboard and screen-reader users at the
     heading that changed, not at the top of the page. */
  function focusWizardHeading() {
    var heading = document.getElementById("wizard-heading");
    if (heading) heading.focus();
  }

  /* "First response due by": count the goal forward from now; business goals
     count only the open hours of the goal's own hour set (its days, its time zone,
     "24:00" as midnight at the end of the day), skipping closed days and its
     holidays. A 24x7 set's goals come as plain time (wizard_pages.due_attributes). */
  function toMinutes(text) {
    var pieces = text.split(":");
    return Number(pieces[0]) * 60 + Number(pieces[1]);
  }

  function clockIn(zone) {
    var format = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, weekday: "long", year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    });
    return function (date) {
      var part = {};
      format.formatToParts(date).forEach(function (p) { part[p.type] = p.value; });
      return {
        day: part.weekday.toLowerCase(),
        date: part.year + "-" + part.month + "-" + part.day,
        minutes: Number(part.hour) * 60 + Number(part.minute)
      };
    };
  }

  function dueDate(goal, now) {
    if (!goal.business) {
      return new Date(now.getTime() + goal.amount * UNIT_MINUTES[goal.unit] * MINUTE);
    }
    var hours = goal.hours, opens = toMinutes(hours.opens), closes = toMinutes(hours.closes);
    var remaining = goal.amount * (goal.unit === "day" ? closes - opens : UNIT_MINUTES[goal.unit]);
    var clock = clockIn(hours.timezone), step = 5, time = new Date(now.getTime());
    function isOpen(moment) {
      var wall = clock(moment);
      return hours.days.indexOf(wall.day) >= 0 && hours.holidays.indexOf(wall.date) < 0 &&
        wall.minutes >= opens && wall.minutes < closes;
    }
    /* Count whole 5-minute steps on the clock's 5-minute marks (every time zone's
       offset is a multiple of them, as are opening times), so a goal ends on the
       minute it is due: first the part of a step up to the next mark, then steps,
       then back by what the last step counted too much. */
    var partial = (step * MINUTE - time.getTime() % (step * MINUTE)) % (step * MINUTE);
    if (partial && isOpen(time)) remaining -= partial / MINUTE;
    time = new Date(time.getTime() + partial);
    for (var guard = 0; remaining > 0 && guard < 366 * 288; guard++) {
      if (isOpen(time)) remaining -= step;
      time = new Date(time.getTime() + step * MINUTE);
    }
    return new Date(time.getTime() + Math.min(remaining, 0) * MINUTE);
  }

  function showDueDates() {
    document.querySelectorAll("[data-scopesite-due]").forEach(function (element) {
      var due = dueDate(JSON.parse(element.getAttribute("data-scopesite-due")), new Date());
      // The reader's own date format when it is in the page's language, else the
      // page's: the sentence around the date is in the page's language.
      var page = document.documentElement.lang || "", reader = navigator.language || "";
      var language = reader.split("-")[0] === page.split("-")[0] ? reader : page || undefined;
      element.textContent = "If you report it now, that is by " + due.toLocaleString(language, {
        weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit",
        timeZoneName: "short"
      }) + " in your time zone.";
    });
  }

  /* Cost calculator for stepped price rules: any two versions, by the same rule
     the static answer above it was computed with. */
  function versionParts(text) {
    var pieces = text.trim().split(".");
    if (pieces.length < 1 || pieces.length > 3) return null;
    for (var i = 0; i < pieces.length; i++) if (!/^\d+$/.test(pieces[i])) return null;
    while (pieces.length < 3) pieces.push("0");
    return pieces.map(Number);
  }

  function stepsBetween(from, to, per) {
    var index = PARTS.indexOf(per), start = versionParts(from), end = versionParts(to);
    if (!start || !end) return null;
    for (var i = 0; i < index; i++) if (start[i] !== end[i]) return null;
    var steps = end[index] - start[index];
    return steps > 0 ? steps : null;
  }

  function enableCalculators() {
    document.querySelectorAll("form.scopesite-calculator").forEach(function (form) {
      var data = form.dataset, output = form.querySelector("output");
      function update() {
        var from = form.elements.from.value, to = form.elements.to.value;
        if (!from || !to) { output.textContent = ""; return; }
        var steps = stepsBetween(from, to, data.per);
        if (steps === null) {
          output.textContent = "These versions cannot be priced by this rule: ask for a quote.";
          return;
        }
        var cost = Number(data.base) + Math.max(0, steps - Number(data.covers)) * Number(data.each);
        output.textContent = from + " → " + to + ": " + cost + " " + data.unit;
      }
      form.addEventListener("input", update);
      form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
      form.hidden = false;
    });
  }

  /* Type-to-filter over a wizard's long list of choices. The list works on its own
     (the box is hidden without JavaScript); filtering hides the choices that lack
     any typed word, and the headings left with none. Words come from the page. */
  function words(text) {
    return text.toLowerCase().split(/[^a-z0-9]+/).filter(function (w) { return w; });
  }

  function enableFilters() {
    document.querySelectorAll(".scopesite-filter").forEach(function (box) {
      var input = box.querySelector("input"), none = box.querySelector(".scopesite-filter-none");
      var list = document.getElementById(input.getAttribute("aria-controls"));
      if (!list) return;
      function update() {
        var typed = words(input.value), shown = 0;
        list.querySelectorAll(".scopesite-choice-group").forEach(function (group) {
          var left = 0;
          group.querySelectorAll("li").forEach(function (item) {
            var have = words(item.querySelector("a").textContent).join(" ");
            var match = typed.every(function (w) { return have.indexOf(w) >= 0; });
            if (match) { item.removeAttribute("data-scopesite-filtered"); left++; }
            else item.setAttribute("data-scopesite-filtered", "");
          });
          if (left) group.removeAttribute("data-scopesite-filtered");
          else group.setAttribute("data-scopesite-filtered", "");
          shown += left;
        });
        none.hidden = shown > 0;
      }
      input.addEventListener("input", update);
      box.hidden = false;
    });
  }

  /* Search on a product's page is scoped to that product (its worker's address
     names it, generator/search/worker.py): a link under the box widens the same
     search to all products, on the home page. */
  function enableSearchWiden() {
    var widen = document.querySelector(".scopesite-search-widen");
    var input = document.querySelector(".md-search__input");
    var config = document.getElementById("__config");
    if (!widen || !input || !config) return;
    if (JSON.parse(config.textContent).search.indexOf("?product=") < 0) return;
    var link = widen.querySelector("a"), home = link.getAttribute("href");
    function update() {
      link.setAttribute("href", home + (input.value ? "?q=" + encodeURIComponent(input.value) : ""));
      widen.hidden = !input.value;
    }
    input.addEventListener("input", update);
    input.addEventListener("focus", update);
    update();
  }

  /* The header's scheme toggle: Material checks no radio while the scheme follows
     the system setting, so Tab lands on the first one, whose toggle is hidden. Check
     the radio of the scheme shown (at the start, and again when focus arrives, as
     Material may set the scheme after this script ran): focus is then on the toggle
     that is seen. */
  function markShownScheme() {
    var options = document.querySelectorAll("input.md-option");
    var shown = document.body.getAttribute("data-md-color-scheme");
    for (var i = 0; i < options.length; i++) if (options[i].checked) return null;
    for (var j = 0; j < options.length; j++) {
      if (options[j].getAttribute("data-md-color-scheme") === shown) {
        options[j].checked = true;
        return options[j];
      }
    }
    return null;
  }

  function keepSchemeToggleSeen() {
    var form = document.querySelector("form[data-md-component=palette]");
    markShownScheme();
    if (!form) return;
    form.addEventListener("focusin", function (event) {
      var marked = markShownScheme();
      if (marked && marked !== event.target) marked.focus();
    });
  }

  function start() {
    keepSchemeToggleSeen();
    focusWizardHeading();
    enableSearchWiden();
    enableFilters();
    showDueDates();
    enableCalculators();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
