/* Page de discussion CECAZ : Socket.IO vers le canal « webchat » du serveur Rasa (même origine).
 *
 * Une réponse du bot est un message : sa structure (`cecaz`, voir cecaz/layout.py) est affichée en carte —
 * titre, tête, rubriques avec de vraies listes, lignes internes avec leur badge, « Détails » repliés,
 * récapitulatif à copier, sources qui ouvrent la page du document. Le texte du bot est inséré comme texte
 * (jamais comme HTML) ; seuls les liens, e-mails et numéros de téléphone deviennent des liens.
 *
 * La conversation est gardée pour l'onglet (sessionStorage) : un onglet, une session ; elle survit à un
 * rechargement. Un envoi sans accusé de réception du serveur est marqué « non envoyé », avec « Réessayer ». */
(function () {
  "use strict";

  const STORAGE_KEY = "cecaz-webchat";
  const MAX_KEPT = 200;
  const MAX_CHARS = 1000; // cecaz/input_guard.py MAX_CHARS : au-delà, le serveur ne lit pas le message
  const WARN_CHARS = 800;
  const ACK_TIMEOUT_MS = 60000;
  const TYPING_TIMEOUT_MS = 20000;
  const NNBSP = "\u202f";
  const NBSP = "\u00a0";
  const BADGE = "Interne CECAZ — ne pas transmettre";
  const TIME = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit" });
  const NUMBER = new Intl.NumberFormat("fr-FR");
  // Un seul motif, une alternative par type de lien ; les numéros sont des numéros français.
  const TOKENS = new RegExp([
    "(https?:\\/\\/[^\\s<>\"]*[^\\s<>\".,;:!?)»])",
    "([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})",
    "((?<![\\d+])(?:\\+33[\\s.\\u00a0\\u202f]?[1-9]|0[1-9])(?:[\\s.\\u00a0\\u202f]?\\d{2}){4}(?!\\d))",
    "\\*\\*([^*\\n]+)\\*\\*",
  ].join("|"), "g");

  const log = document.getElementById("messages");
  const typing = document.getElementById("typing");
  const status = document.getElementById("status");
  const announcer = document.getElementById("announcer");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const sendButton = document.getElementById("send");
  const counter = document.getElementById("counter");
  const newButton = document.getElementById("new-conversation");
  const dialog = document.getElementById("confirm-new");

  let state = load();
  let ready = false;
  let typingTimer = null;
  // Un onglet dupliqué copie la conversation de l'autre : le plus ancien la garde, le nouveau en ouvre une.
  const tabId = Math.random().toString(36).slice(2);
  const bornAt = Date.now();
  const tabs = "BroadcastChannel" in window ? new BroadcastChannel(STORAGE_KEY) : null;

  // --- stockage (un onglet, une conversation) ---------------------------------------------------

  function load() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY));
      if (saved && Array.isArray(saved.messages)) {
        return { sessionId: saved.sessionId || null, messages: saved.messages };
      }
    } catch (error) {
      // Stockage illisible : on repart d'une conversation vide.
    }
    return { sessionId: null, messages: [] };
  }

  function save() {
    state.messages = state.messages.slice(-MAX_KEPT);
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      // Stockage plein ou interdit : la conversation continue sans historique.
    }
  }

  // --- texte ------------------------------------------------------------------------------------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(href, label, external) {
    const a = element("a", "", label);
    a.href = href;
    if (external) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    }
    return a;
  }

  function formatLine(raw) {
    const line = String(raw);
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of line.matchAll(TOKENS)) {
      fragment.append(line.slice(last, match.index));
      const [text, url, email, phone, bold] = match;
      if (url) {
        fragment.append(link(url, url, true));
      } else if (email) {
        fragment.append(link("mailto:" + email, email, false));
      } else if (phone) {
        fragment.append(link("tel:" + phone.replace(/[\s.\u00a0\u202f]/g, ""), phone, false));
      } else {
        fragment.append(element("strong", "", bold));
      }
      last = match.index + text.length;
    }
    fragment.append(line.slice(last));
    return fragment;
  }

  function formatText(text) {
    const fragment = document.createDocumentFragment();
    String(text).split("\n").forEach(function (line, index) {
      if (index > 0) fragment.append(document.createElement("br"));
      fragment.append(formatLine(line));
    });
    return fragment;
  }

  // --- la carte d'une réponse -------------------------------------------------------------------

  function badge() {
    const mark = element("span", "badge-internal");
    mark.setAttribute("role", "note");
    mark.append(element("span", "badge-icon", "⚠"), " " + BADGE);
    mark.firstChild.setAttribute("aria-hidden", "true");
    return mark;
  }

  function lineNode(line, insideInternal) {
    const node = element(line.item ? "li" : "p", line.internal && !insideInternal ? "line-internal" : "");
    if (line.internal && !insideInternal) node.append(badge(), " ");
    node.append(formatLine(line.text));
    return node;
  }

  function linesNodes(lines, insideInternal) {
    const nodes = [];
    lines.forEach(function (line) {
      if (line.item) {
        let list = nodes[nodes.length - 1];
        if (!list || list.tagName !== "UL") {
          list = element("ul");
          nodes.push(list);
        }
        list.append(lineNode(line, insideInternal));
      } else {
        nodes.push(lineNode(line, insideInternal));
      }
    });
    return nodes;
  }

  function sectionNode(section) {
    const node = element("section", "answer-section" + (section.internal ? " answer-internal" : ""));
    if (section.internal) node.append(badge());
    if (section.title) node.append(element("h3", "", section.title));
    if (section.quote) {
      const quote = element("blockquote");
      section.lines.forEach(function (line) { quote.append(element("p", "", line.text)); });
      node.append(quote);
    } else {
      node.append(...linesNodes(section.lines, section.internal));
    }
    return node;
  }

  function sourcesNode(sources) {
    const node = element("p", "answer-sources");
    node.append("Source" + NBSP + ": ");
    sources.forEach(function (source, index) {
      if (index > 0) node.append(NNBSP + "; ");
      if (source.note) {
        const absent = element("span", "source-absent", source.name + NBSP + ": " + source.note);
        node.append(absent);
      } else if (source.anchor) {
        const a = link("reference#" + encodeURIComponent(source.anchor), "«" + NBSP + source.name + NBSP + "»", true);
        a.rel = "noopener";
        node.append(a);
      } else {
        node.append("«" + NBSP + source.name + NBSP + "»");
      }
    });
    return node;
  }

  function copyText(text, button, note) {
    function done(message) {
      note.textContent = message;
      button.textContent = "Copié";
      setTimeout(function () { button.textContent = "Copier"; }, 2500);
    }
    function fallback() {
      const area = element("textarea", "visually-hidden");
      area.value = text;
      area.setAttribute("readonly", "");
      document.body.append(area);
      area.select();
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      area.remove();
      if (copied) {
        done("Récapitulatif copié dans le presse-papiers.");
      } else {
        const pre = button.closest(".answer-recap").querySelector("pre");
        pre.parentElement.open = true;
        window.getSelection().selectAllChildren(pre);
        note.textContent = "Copie automatique impossible : le texte est sélectionné, copiez-le (Ctrl+C).";
      }
      button.focus();
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () {
        done("Récapitulatif copié dans le presse-papiers.");
      }, fallback);
    } else {
      fallback();
    }
  }

  function recapNode(recap) {
    const node = element("section", "answer-recap");
    const head = element("div", "recap-head");
    head.append(element("h3", "", recap.title));
    const button = element("button", "recap-copy", "Copier");
    button.type = "button";
    button.setAttribute("aria-label", "Copier le récapitulatif");
    head.append(button);
    const details = element("details", "recap-text");
    details.append(element("summary", "", "Voir le récapitulatif"), element("pre", "", recap.text));
    const note = element("p", "recap-status");
    note.setAttribute("role", "status");
    button.addEventListener("click", function () { copyText(recap.text, button, note); });
    node.append(head, details, note);
    return node;
  }

  function answerNode(layout) {
    const card = element("article", "answer answer-" + layout.kind);
    if (layout.title) card.append(element("h2", "answer-title", layout.title));
    card.append(...linesNodes(layout.lead, false).map(function (node) {
      node.classList.add("answer-lead");
      return node;
    }));
    const folded = layout.sections.filter(function (s) { return s.details; });
    layout.sections.filter(function (s) { return !s.details; }).forEach(function (s) { card.append(sectionNode(s)); });
    if (folded.length) {
      const details = element("details", "answer-details");
      const summary = element("summary", "", "Détails (" + folded.length + " rubriques)");
      details.append(summary, ...folded.map(sectionNode));
      card.append(details);
    }
    if (layout.recap) card.append(recapNode(layout.recap));
    if (layout.sources.length) card.append(sourcesNode(layout.sources));
    if (layout.closing) card.append(element("p", "answer-closing", layout.closing));
    return card;
  }

  function isLayout(value) {
    return value && value.format === "cecaz.layout/1" && Array.isArray(value.sections) && Array.isArray(value.lead);
  }

  // --- avis sur une réponse (👍 / 👎, cecaz/feedback.py) -------------------------------------------

  // Deux petits boutons sur la réponse, pas un message : le choix part au serveur sans bulle « Vous ».
  // Ceux d'une réponse à laquelle on n'a pas répondu se retirent quand la conversation repart.
  // Icône « thumb_up » de Material Icons (Apache 2.0) : dessinée, elle ne dépend d'aucune police d'émojis.
  const THUMB = "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 "
    + "7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";

  function thumb(down) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("class", down ? "thumb thumb-down" : "thumb");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", THUMB);
    svg.append(path);
    return svg;
  }

  function feedbackNode(message) {
    const bar = element("div", "answer-feedback");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Votre avis sur cette réponse");
    bar.append(element("span", "answer-feedback-question", "Cette réponse vous a-t-elle aidé" + NNBSP + "?"));
    message.feedback.forEach(function (choice, position) {
      const node = element("button", "answer-feedback-button");
      node.append(thumb(position > 0)); // 👍 puis 👎, dans l'ordre du serveur
      node.type = "button";
      node.title = choice.label;
      node.setAttribute("aria-label", choice.label);
      if (message.rated) {
        node.disabled = true;
        node.setAttribute("aria-pressed", String(message.rated === choice.payload));
        if (message.rated === choice.payload) node.classList.add("chosen");
      }
      node.addEventListener("click", function () { rate(message, choice.payload); });
      bar.append(node);
    });
    if (message.rated) bar.append(element("span", "answer-feedback-thanks", "Merci pour votre avis."));
    return bar;
  }

  function rate(message, payload) {
    if (!ready || message.rated) return;
    message.rated = payload;
    save();
    render(false);
    const answered = payload !== message.feedback[0].payload; // 👎 : l'assistant demande ce qui manquait
    socket.timeout(ACK_TIMEOUT_MS).emit("user_uttered", { message: payload, session_id: state.sessionId },
      function (error) {
        if (!error) return;
        delete message.rated;
        setTyping(false);
        status.textContent = "Avis non envoyé" + NNBSP + ": réessayez dans un instant.";
        save();
        render(false);
      });
    if (answered) setTyping(true);
  }

  // --- messages ---------------------------------------------------------------------------------

  function buttonsNode(message) {
    const group = element("div", "quick-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Réponses suggérées");
    message.buttons.forEach(function (button, position) {
      const node = element("button", "", button.title);
      node.type = "button";
      if (message.chosen !== undefined) {
        node.disabled = true;
        if (message.chosen === position) {
          node.classList.add("chosen");
          node.setAttribute("aria-pressed", "true");
        }
      }
      node.addEventListener("click", function () {
        send(button.payload, button.title, { message: message, position: position });
      });
      group.append(node);
    });
    return group;
  }

  function renderMessage(message) {
    const item = element("li", "msg msg-" + message.from);
    const bubble = element("div", "msg-bubble");
    bubble.append(element("span", "visually-hidden", message.from === "bot" ? "L’assistant" + NBSP + ": " : "Vous" + NBSP + ": "));
    if (message.from === "bot" && isLayout(message.layout)) {
      bubble.classList.add("msg-card");
      bubble.append(answerNode(message.layout));
    } else {
      bubble.append(formatText(message.text));
    }
    const time = element("time", "", TIME.format(new Date(message.time)));
    time.dateTime = message.time;
    item.append(bubble, time);
    if (message.feedback && (message.rated || !message.feedbackClosed)) bubble.append(feedbackNode(message));
    if (message.from === "user" && message.status === "failed") {
      item.classList.add("msg-failed");
      const failed = element("p", "msg-error", "Non envoyé.");
      const retry = element("button", "msg-retry", "Réessayer");
      retry.type = "button";
      retry.addEventListener("click", function () { resend(message); });
      failed.append(" ", retry);
      item.append(failed);
    }
    if (message.buttons && message.buttons.length && message.chosen !== -1) {
      item.append(buttonsNode(message));
    }
    log.append(item);
    return item;
  }

  function render(scroll) {
    log.replaceChildren();
    state.messages.forEach(renderMessage);
    if (scroll !== false) log.scrollTop = log.scrollHeight;
  }

  // La réponse arrive : son début reste en vue (une longue réponse n'est pas lue depuis sa fin).
  function reveal(item) {
    if (item.offsetHeight > log.clientHeight) {
      log.scrollTop = item.offsetTop - log.offsetTop;
    } else {
      log.scrollTop = log.scrollHeight;
    }
  }

  function announce(message) {
    const layout = message.layout;
    const words = isLayout(layout)
      ? [layout.title].concat(layout.lead.map(function (l) { return l.text; })).filter(Boolean).join(" ")
      : message.text;
    announcer.textContent = "";
    // Une annonce par réponse : le titre et la tête, pas chaque fragment de la carte.
    setTimeout(function () { announcer.textContent = "L’assistant" + NBSP + ": " + words; }, 50);
  }

  function add(message) {
    state.messages.push(message);
    save();
    return renderMessage(message);
  }

  function setTyping(on) {
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(setTyping, TYPING_TIMEOUT_MS, false);
  }

  function tooLong() {
    return input.value.length > MAX_CHARS;
  }

  function updateCounter() {
    const length = input.value.length;
    counter.hidden = length < WARN_CHARS;
    counter.classList.toggle("chat-counter-over", length > MAX_CHARS);
    if (length > MAX_CHARS) {
      counter.textContent = "Message trop long" + NBSP + ": " + NUMBER.format(length) + " caractères, "
        + NUMBER.format(MAX_CHARS) + " au plus. Raccourcissez-le pour l’envoyer.";
    } else {
      counter.textContent = NUMBER.format(length) + " / " + NUMBER.format(MAX_CHARS) + " caractères";
    }
    sendButton.disabled = !ready || tooLong();
  }

  function setReady(value, message) {
    ready = value;
    status.textContent = message || "";
    updateCounter();
  }

  function emit(message) {
    if (!socket.connected) {
      message.status = "failed";
      save();
      render();
      return;
    }
    message.status = "pending";
    socket.timeout(ACK_TIMEOUT_MS).emit("user_uttered", { message: message.payload, session_id: state.sessionId },
      function (error) {
        message.status = error ? "failed" : "sent";
        if (error) setTyping(false);
        save();
        if (error) render();
      });
    setTyping(true);
  }

  // Les suggestions d'avant ne valent plus une fois la conversation repartie : celle qui a été choisie reste
  // dans l'historique, marquée comme choisie ; les autres sont retirées.
  function settleSuggestions(chosen) {
    state.messages.forEach(function (other) {
      if (other.feedback && !other.rated) other.feedbackClosed = true;
      if (!other.buttons || !other.buttons.length || other.chosen !== undefined) return;
      other.chosen = chosen && chosen.message === other ? chosen.position : -1;
    });
    render(false);
  }

  function send(payload, shown, chosen) {
    if (!ready || !payload.trim()) return;
    settleSuggestions(chosen);
    const message = { from: "user", text: shown || payload, payload: payload, time: new Date().toISOString() };
    add(message);
    log.scrollTop = log.scrollHeight;
    emit(message);
    input.focus();
  }

  function resend(message) {
    if (!ready) {
      status.textContent = "Toujours pas de connexion" + NBSP + ": réessayez dans un instant.";
      return;
    }
    emit(message);
    save();
    render();
  }

  // Long-polling seul, comme le serveur (son WebSocket ne fonctionne pas avec Sanic).
  const socket = io({ path: "/socket.io", transports: ["polling"] });

  socket.on("connect", function () {
    socket.emit("session_request", { session_id: state.sessionId });
  });

  socket.on("session_confirm", function (sessionId) {
    if (sessionId !== state.sessionId) {
      state = { sessionId: sessionId, messages: [] };
      render();
    }
    save();
    setReady(true);
    if (tabs) tabs.postMessage({ type: "claim", sessionId: sessionId, tabId: tabId, bornAt: bornAt });
  });

  if (tabs) {
    tabs.onmessage = function (event) {
      const other = event.data || {};
      if (!state.sessionId || other.sessionId !== state.sessionId || other.tabId === tabId) return;
      const olderThere = other.bornAt < bornAt || (other.bornAt === bornAt && other.tabId < tabId);
      if (other.type === "claim" && !olderThere) {
        tabs.postMessage({ type: "taken", sessionId: state.sessionId, tabId: tabId, bornAt: bornAt });
      } else if (olderThere) {
        // Cette conversation appartient à un autre onglet : celui-ci repart avec la sienne.
        state = { sessionId: null, messages: [] };
        save();
        render();
        setReady(false, "Nouvelle conversation dans cet onglet…");
        socket.disconnect().connect();
      }
    };
  }

  socket.on("bot_uttered", function (message) {
    if (!message || typeof message.text !== "string") return;
    setTyping(false);
    const buttons = (message.quick_replies || []).map(function (reply) {
      return { title: String(reply.title), payload: String(reply.payload) };
    });
    const saved = { from: "bot", text: message.text, time: new Date().toISOString(), buttons: buttons };
    if (isLayout(message.cecaz)) saved.layout = message.cecaz;
    if (Array.isArray(message.feedback) && message.feedback.length) {
      saved.feedback = message.feedback.map(function (choice) {
        return { icon: String(choice.icon), payload: String(choice.payload), label: String(choice.label) };
      });
    }
    reveal(add(saved));
    announce(saved);
  });

  socket.on("disconnect", function (reason) {
    setTyping(false);
    // Un envoi sans accusé de réception est perdu avec la connexion : marqué, à réessayer.
    let lost = false;
    state.messages.forEach(function (message) {
      if (message.status === "pending") {
        message.status = "failed";
        lost = true;
      }
    });
    if (lost) {
      save();
      render();
    }
    if (reason !== "io client disconnect") setReady(false, "Connexion perdue. Reconnexion en cours…");
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!ready || !input.value.trim() || tooLong()) return; // la saisie reste dans le champ
    send(input.value);
    input.value = "";
    updateCounter();
  });

  input.addEventListener("input", updateCounter);

  function startOver() {
    state = { sessionId: null, messages: [] };
    save();
    render();
    setTyping(false);
    setReady(false, "Nouvelle conversation…");
    socket.disconnect().connect();
    input.focus();
  }

  newButton.addEventListener("click", function () {
    if (!state.messages.some(function (m) { return m.from === "user"; })) {
      startOver(); // rien d'écrit : rien à perdre
      return;
    }
    if (typeof dialog.showModal === "function") {
      dialog.returnValue = "";
      dialog.showModal();
    } else if (window.confirm("Effacer l’historique de cette conversation" + NNBSP + "?")) {
      startOver();
    }
  });

  dialog.addEventListener("close", function () {
    if (dialog.returnValue === "confirm") {
      startOver();
    } else {
      newButton.focus();
    }
  });

  setReady(false, "Connexion…");
  render();
  input.focus();
})();
