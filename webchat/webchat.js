/* Page de discussion CECAZ : Socket.IO vers le canal « webchat » du serveur Rasa (même origine).
 * Le texte du bot est inséré comme texte (jamais comme HTML) ; seuls les liens, e-mails, numéros de
 * téléphone et **gras** deviennent des éléments. La conversation est gardée dans localStorage. */
(function () {
  "use strict";

  const STORAGE_KEY = "cecaz-webchat";
  const MAX_KEPT = 200;
  const TYPING_TIMEOUT_MS = 20000;
  const TIME = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit" });
  // Un seul motif, une alternative par type de lien ; les numéros sont des numéros français.
  const TOKENS = new RegExp([
    "(https?:\\/\\/[^\\s<>\"]*[^\\s<>\".,;:!?)»])",
    "([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})",
    "((?<![\\d+])(?:\\+33[\\s.]?[1-9]|0[1-9])(?:[\\s.]?\\d{2}){4}(?!\\d))",
    "\\*\\*([^*\\n]+)\\*\\*",
  ].join("|"), "g");

  const log = document.getElementById("messages");
  const typing = document.getElementById("typing");
  const status = document.getElementById("status");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const sendButton = document.getElementById("send");
  const newButton = document.getElementById("new-conversation");

  let state = load();
  let ready = false;
  let typingTimer = null;

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY));
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
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      // Stockage plein ou interdit : la conversation continue sans historique.
    }
  }

  function link(href, label, external) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = label;
    if (external) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    }
    return a;
  }

  function formatLine(line) {
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
        fragment.append(link("tel:" + phone.replace(/[\s.]/g, ""), phone, false));
      } else {
        const strong = document.createElement("strong");
        strong.textContent = bold;
        fragment.append(strong);
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

  function renderMessage(message) {
    const item = document.createElement("li");
    item.className = "msg msg-" + message.from;
    const who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = message.from === "bot" ? "L’assistant : " : "Vous : ";
    const bubble = document.createElement("div");
    bubble.className = "msg-bubble";
    bubble.append(who, formatText(message.text));
    const time = document.createElement("time");
    time.dateTime = message.time;
    time.textContent = TIME.format(new Date(message.time));
    item.append(bubble, time);
    if (message.buttons && message.buttons.length) {
      const group = document.createElement("div");
      group.className = "quick-replies";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", "Réponses suggérées");
      message.buttons.forEach(function (button) {
        const element = document.createElement("button");
        element.type = "button";
        element.textContent = button.title;
        element.addEventListener("click", function () {
          send(button.payload, button.title);
        });
        group.append(element);
      });
      item.append(group);
    }
    log.append(item);
  }

  function render() {
    log.replaceChildren();
    state.messages.forEach(renderMessage);
    log.scrollTop = log.scrollHeight;
  }

  function add(message) {
    state.messages.push(message);
    save();
    renderMessage(message);
    log.scrollTop = log.scrollHeight;
  }

  function setTyping(on) {
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(setTyping, TYPING_TIMEOUT_MS, false);
  }

  function setReady(value, message) {
    ready = value;
    sendButton.disabled = !value;
    status.textContent = message || "";
  }

  function send(text, shown) {
    if (!ready || !text.trim()) return;
    // Les réponses suggérées d'avant ne valent plus une fois la conversation repartie.
    state.messages.forEach(function (message) { delete message.buttons; });
    log.querySelectorAll(".quick-replies").forEach(function (group) { group.remove(); });
    add({ from: "user", text: shown || text, time: new Date().toISOString() });
    socket.emit("user_uttered", { message: text, session_id: state.sessionId });
    setTyping(true);
    input.focus();
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
  });

  socket.on("bot_uttered", function (message) {
    if (!message || typeof message.text !== "string") return;
    setTyping(false);
    const buttons = (message.quick_replies || []).map(function (reply) {
      return { title: String(reply.title), payload: String(reply.payload) };
    });
    add({ from: "bot", text: message.text, time: new Date().toISOString(), buttons: buttons });
  });

  socket.on("disconnect", function (reason) {
    setTyping(false);
    if (reason !== "io client disconnect") setReady(false, "Connexion perdue. Reconnexion en cours…");
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!ready || !input.value.trim()) return;  // la saisie reste dans le champ
    send(input.value);
    input.value = "";
  });

  newButton.addEventListener("click", function () {
    state = { sessionId: null, messages: [] };
    save();
    render();
    setTyping(false);
    setReady(false, "Nouvelle conversation…");
    socket.disconnect().connect();
    input.focus();
  });

  setReady(false, "Connexion…");
  render();
})();
