// The intake page: Ctrl+Enter saves, and an unsure suggestion's choice goes into the category.
(function () {
  "use strict";
  // The page's one-time token (IntakeForm.form_token) is kept with what was typed, so that Back
  // to a page that was sent brings the note back with the token it was sent with and saving it
  // again shows the first call instead of logging another. A browser keeps a text field's value
  // for Back only when it differs from the field's default (its value in the markup, which a
  // page fetched anew holds a fresh token in): the default is cleared, the value stays. (A value
  // the browser put back is the one read here: it is kept.)
  var token = document.getElementById("id_form_token");
  if (token) { var sent = token.value; token.defaultValue = ""; token.value = sent; }
  document.getElementById("intake-form").addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); this.requestSubmit(); }
  });
  // Unsure, the suggestion offers two categories (htmx swaps it in as the note is typed): the
  // clerk's pick goes into the category field, which is what is saved.
  document.getElementById("suggestion").addEventListener("click", function (e) {
    var button = e.target.closest(".choose-category");
    if (!button) { return; }
    document.getElementById("id_category").value = button.dataset.category;
    keepInStep(false);
    askFollows();
    thenFollows();
    this.querySelectorAll(".choose-category").forEach(function (b) {
      b.setAttribute("aria-pressed", b === button ? "true" : "false");
    });
  });
  // A note's second matter (the power off told beside another errand): one click keeps the call
  // as shown with its own order and opens a fault repair order too (views_intake, second_order).
  // A plain button, never the form's default: Enter in a field must not press it.
  var faultToo = document.getElementById("id_fault_too");
  window.addEventListener("pageshow", function () { if (faultToo) { faultToo.value = ""; } });
  document.getElementById("suggestion").addEventListener("click", function (e) {
    var keep = e.target.closest(".fault-too");
    if (!faultToo || !keep) { return; }
    // Unsure between fault repair and the errand: the button names the errand kept.
    if (keep.dataset.category) { document.getElementById("id_category").value = keep.dataset.category; }
    faultToo.value = "1";
    document.getElementById("intake-form").requestSubmit();
  });
  // The urgent box follows the suggestion: ticked when the suggestion turns urgent, cleared when
  // it turns calm; in between the clerk may change it. A danger to life or a medical need the
  // rules found, or a hazard call, keeps it ticked (the station saves such a call urgent
  // whatever the box says, and the page says why). A hazard is the category chosen, or the one
  // suggested when the suggestion is sure: an unsure one ("choose one", its first guess a
  // hazard at 35%) neither ticks nor locks the box (walk41, 5). Ticked only for a hazard, the
  // box goes back to the suggestion's urgency when another category is chosen; a danger the
  // rules found stays ticked and locked.
  var box = document.getElementById("id_urgent");
  var category = document.getElementById("id_category");
  var hazardNote = document.getElementById("urgent-hazard");
  var lastSuggested = null;
  var lockTicked = false;
  function mark() { return document.querySelector("#suggestion [data-urgency]"); }
  function locked() {
    var m = mark();
    var chosen = category.value || (m && !m.dataset.ask ? m.dataset.suggestedCategory : "");
    return { byRule: !!(m && m.dataset.byRule), hazard: chosen === "hazard" };
  }
  // The general advice read for a hazard (no danger named) goes with the hazard: hidden while
  // another category is chosen.
  function hazardAdviceFollows(hazard) {
    document.querySelectorAll('#suggestion [data-testid="safety-script"]').forEach(function (card) {
      var general = card.querySelectorAll('[data-danger="hazard"]');
      general.forEach(function (p) { p.hidden = !hazard; });
      card.hidden = general.length > 0 && !hazard && card.querySelectorAll("[data-danger]").length === general.length;
    });
  }
  function keepInStep(suggestionArrived) {
    var m = mark();
    var suggested = m ? m.dataset.urgency === "urgent" : false;
    if (suggestionArrived && suggested !== lastSuggested) { box.checked = suggested; lockTicked = false; }
    lastSuggested = suggested;
    var lock = locked();
    if (lock.byRule || lock.hazard) {
      if (!box.checked) { lockTicked = true; }
      box.checked = true;
    } else if (lockTicked) {
      box.checked = suggested;
      lockTicked = false;
    }
    box.setAttribute("aria-disabled", lock.byRule || lock.hazard ? "true" : "false");
    hazardNote.hidden = !(lock.hazard && !lock.byRule);
    hazardAdviceFollows(lock.hazard);
  }
  box.addEventListener("change", function () {
    var lock = locked();
    if (!box.checked && (lock.byRule || lock.hazard)) { box.checked = true; }
  });
  category.addEventListener("change", function () {
    rulesChose = null;
    keepInStep(false); askFollows(); thenFollows();
  });
  // With no model loaded, the rules' category (a danger heard: hazard; a household under an
  // outage: fault repair) is preselected, and follows the note while the clerk has not chosen
  // one; the select's first choice says "choose" rather than "as suggested", since nothing is
  // suggested (``intake_category``).
  var rulesChose = null;
  function rulesFollow() {
    var m = mark();
    var first = document.getElementById("category-first");
    if (first && m) {
      category.options[0].text = m.dataset.byHand ? first.dataset.choose : first.dataset.suggested;
    }
    var rules = m && m.dataset.byHand ? m.dataset.rulesCategory || "" : "";
    if (category.value === "" || category.value === rulesChose) {
      category.value = rules;
      rulesChose = rules || null;
    }
  }
  (function () {
    var m = mark();  // a page sent back: the rules' choice it carries still follows the note
    if (m && m.dataset.rulesCategory && category.value === m.dataset.rulesCategory) {
      rulesChose = category.value;
    }
  })();
  // "Not sure which it is: choose one" (and the page's "choose its category" when it was sent
  // back) asks for a category: once the clerk has chosen one, the prompt goes; it comes back
  // if the category is cleared, and stays gone while the note is typed on (each suggestion
  // swapped in is unsure again: the server does not know the choice).
  function askFollows() {
    var chosen = category.value !== "";
    document.querySelectorAll('#suggestion [data-testid="ask-category"], [data-testid="category-errors"]')
      .forEach(function (prompt) { prompt.hidden = chosen; });
  }
  askFollows();
  // The "Then" choices are drawn for a category (the one chosen, else the note's suggestion;
  // none while unsure): when it changes, the server draws them again with the caller panel
  // (only "no power" joins an outage), keeping a choice the clerk made if it still fits.
  function thenCategory() {
    if (category.value) { return category.value; }
    var m = mark();
    return m ? m.dataset.thenCategory || "" : "";
  }
  // The line to tell the caller follows the note too: one who says they have power is read no
  // outage script (``tell_caller.tell_for_the_call``), drawn again when that changes.
  function powerOn() {
    var m = mark();
    return m ? m.dataset.powerOn || "" : "";
  }
  function thenFollows() {
    var then = document.getElementById("intake-then");
    if (!window.htmx || !then) { return; }
    if (then.dataset.category === thenCategory() && (then.dataset.powerOn || "") === powerOn()) { return; }
    htmx.trigger(document.getElementById("id_caller_number"), "then-category");
  }
  // The button that records the engine's prediction is drawn for one prediction, the one ticked
  // in "Then" when the caller panel was drawn: ticking another hides it at once (pressed, it
  // would record the other) and has the server draw it again for the one ticked (review39, S2;
  // a press that comes first is refused by the server, nothing saved).
  // The line to tell the caller promises the call back when the power is back only to a call
  // joined to the outage (walk44, 1): ticking another choice, or joining again, has the server
  // draw it again.
  document.getElementById("intake-form").addEventListener("change", function (e) {
    var radio = e.target;
    if (radio.name !== "action" || !radio.checked) { return; }
    var redraw = !!document.querySelector('#caller [data-testid="tell-caller"]');
    if (radio.value.indexOf("predicted:") === 0) {
      var button = document.querySelector('#intake-record button[name="confirm_record"]');
      if (button && "predicted:" + button.value !== radio.value) {
        button.closest('[data-testid="record-predicted"]').hidden = true;
        redraw = true;
      }
    }
    if (redraw && window.htmx) { htmx.trigger(document.getElementById("id_caller_number"), "then-category"); }
  });
  // A hazard's advice asks for the place under "Where exactly": its section is opened to show
  // the field (never closed: the clerk may have opened it).
  function showPlace() {
    var place = document.getElementById("id_place");
    if (place && !place.value.trim() && document.querySelector("#suggestion [data-asks-place]")) {
      document.getElementById("caller-details").open = true;
    }
  }
  showPlace();
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.target.id === "suggestion") { rulesFollow(); keepInStep(true); askFollows(); showPlace(); thenFollows(); }
    // With no model loaded, a number typed after the note may put the caller under an outage:
    // the rules read the note again for this caller (``intake_category``).
    if (e.target.id === "caller" && window.htmx) {
      var m = mark(), text = document.getElementById("id_text");
      var number = document.getElementById("id_caller_number").value;
      if (m && m.dataset.byHand && text.value.trim() && m.dataset.number !== number) {
        htmx.trigger(text, "input");
      }
    }
    // A caller panel swapped in brings the "Then" group with it (out of band), one choice
    // checked; should none be (an older server's answer), fall back to "as its category says".
    if (e.target.id === "caller" && !document.querySelector("#intake-form input[name=action]:checked")) {
      document.querySelector('#intake-form input[name=action][value=""]').checked = true;
    }
  });
  // A page sent back (a category to choose, an error) keeps a tick the clerk gave, and is
  // ticked if its suggestion is urgent.
  if (mark()) {
    lastSuggested = mark().dataset.urgency === "urgent";
    if (lastSuggested) { box.checked = true; }
    keepInStep(false);
  }
  // A village liaison calling from their own number (liaison76): the caller's name, village and
  // group are filled in as the number is typed, from the liaison's card, as the save would fill
  // them; a field the clerk wrote is kept, and what was filled goes when the number is another
  // caller's (or the household sharing it is said to call).
  var filled = {};
  function fillFromLiaison() {
    var card = document.querySelector("#caller [data-fill-name]");
    var values = card ? {
      id_caller_name: card.dataset.fillName,
      id_village: card.dataset.fillVillage,
      id_group: card.dataset.fillGroup
    } : {};
    var any = false;
    ["id_caller_name", "id_village", "id_group"].forEach(function (id) {
      var field = document.getElementById(id);
      if (!field) { return; }
      var mine = filled[id] !== undefined && field.value === filled[id];
      if (card && (field.value === "" || mine)) {
        field.value = values[id] || "";
        filled[id] = field.value;
        any = any || field.value !== "";
      } else if (!card && mine) {
        field.value = "";
        delete filled[id];
      } else if (!mine) {
        delete filled[id];  // the clerk's own, kept
      }
    });
    if (any) { document.getElementById("caller-details").open = true; }
  }
  document.addEventListener("htmx:afterSwap", function (e) {
    if (e.target.id === "caller") { fillFromLiaison(); }
  });
  fillFromLiaison();
  // Who is calling from a household's and a liaison's number: the panel is drawn again for the
  // one chosen (their orders, outages and "Then" choices).
  document.getElementById("intake-form").addEventListener("change", function (e) {
    if (e.target.name === "caller_is" && window.htmx) {
      htmx.trigger(document.getElementById("id_caller_number"), "then-category");
    }
  });
  // The liaison chosen: the panel is drawn again as the note is typed, to say at once when the
  // household sharing the number has an arrears case and the note names a need (review77 L12).
  var liaisonRedraw = null;
  document.getElementById("id_text").addEventListener("input", function () {
    if (!window.htmx || !document.querySelector('#caller input[name="caller_is"][value="liaison"]:checked')) { return; }
    clearTimeout(liaisonRedraw);
    liaisonRedraw = setTimeout(function () {
      htmx.trigger(document.getElementById("id_caller_number"), "then-category");
    }, 500);
  });
  // What was typed before the page's scripts were ready (a fast typist, a pasted number, the
  // browser refilling the form on "back") is looked up as soon as they are. (The fields' triggers
  // have no "changed" filter: htmx would take the early value as already seen and skip it.)
  document.addEventListener("htmx:load", function (e) {
    if (e.target !== document.body || !window.htmx) { return; }
    ["id_caller_number", "id_text"].forEach(function (id) {
      var field = document.getElementById(id);
      if (field && field.value !== field.defaultValue) { htmx.trigger(field, "input"); }
    });
  });
})();
