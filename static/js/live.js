// Live session: a progressive enhancement. Without this script the page shows the same
// state and its forms post to the server; with it, the state arrives over a websocket and
// the forms send their action through the socket instead.
(function () {
  "use strict";
  const root = document.getElementById("live");
  if (!root || !("WebSocket" in window)) return;
  const scheme = location.protocol === "https:" ? "wss://" : "ws://";
  const url = scheme + location.host + root.dataset.socket;
  const lost = document.getElementById("live-connection");
  let socket = null;
  let retry = 1000;

  function setList(id, entries, render) {
    const list = document.getElementById(id);
    if (!list) return;
    list.replaceChildren(...entries.map(render));
  }

  function person(name) {
    const li = document.createElement("li");
    const bdi = document.createElement("bdi");
    bdi.textContent = name;
    li.appendChild(bdi);
    return li;
  }

  function render(state) {
    root.dataset.liveStatus = state.live_status;
    const current = document.getElementById("live-current-item");
    current.textContent = state.current_item ? state.current_item.title : "—";
    current.dataset.itemId = state.current_item ? state.current_item.id : "";
    document.querySelector("#live-speaking bdi").textContent =
      state.speaking ? state.speaking.name : "—";
    setList("live-queue", state.queue, (s) => person(s.name));
    setList("live-present", state.present, person);
    setList("live-agenda", state.agenda, (item) => {
      const li = document.createElement("li");
      li.dir = "auto";
      li.textContent = item.title;
      if (item.current) {
        li.className = "current";
        li.setAttribute("aria-current", "step");
      }
      return li;
    });
  }

  function showVote(message) {
    const list = document.getElementById("live-votes");
    if (!list) return;
    list.querySelectorAll("li.muted").forEach((li) => li.remove());
    let item = list.querySelector(`li[data-vote="${message.vote}"]`);
    if (!item) {
      item = document.createElement("li");
      item.dataset.vote = message.vote;
      list.prepend(item);
    }
    const link = document.createElement("a");
    link.href = `/votes/${message.vote}/`;
    link.textContent = message.status === "open" ? list.dataset.openLabel : list.dataset.closedLabel;
    item.replaceChildren(link);
  }

  function connect() {
    socket = new WebSocket(url);
    socket.addEventListener("open", () => {
      retry = 1000;
      lost.hidden = true;
      root.dataset.connected = "true";
    });
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(event.data);
      if (message.type === "state") render(message.state);
      if (message.type === "vote") showVote(message);
      if (message.type === "error") {
        const status = document.getElementById("live-status");
        status.textContent = message.message;
      }
    });
    socket.addEventListener("close", (event) => {
      root.dataset.connected = "false";
      lost.hidden = false;
      if (event.code === 4401 || event.code === 4403) return; // not allowed: do not retry
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    });
  }

  document.querySelectorAll("form.live-form").forEach((form) => {
    form.addEventListener("submit", (event) => {
      const action = event.submitter && event.submitter.value;
      if (!action || !socket || socket.readyState !== WebSocket.OPEN) return; // post instead
      event.preventDefault();
      socket.send(JSON.stringify({ action }));
    });
  });
  connect();
})();
