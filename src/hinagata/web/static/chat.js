// Hinagata web chat: sends the conversation through the gateway (as the signed-in user),
// shows each message's verdict, streams the answer, and shows the AI-use disclosure.
(() => {
  const root = document.getElementById("chat");
  if (!root) return;
  const csrf = root.dataset.csrf;
  const log = document.getElementById("log");
  const form = document.getElementById("chat-form");
  const prompt = document.getElementById("prompt");
  const model = document.getElementById("model");
  const send = document.getElementById("send");
  // verdict → {sent, alone, css}: the wordings of hinagata.verdicts.LABELS.
  const LABELS = JSON.parse(root.dataset.labels || "{}");
  const sent = (v) => (LABELS[v] && LABELS[v].sent) || "";
  let messages = [];
  let items = [];  // the page's element for each message of the conversation

  // Each message's own verdict (x-hinagata-messages): said beside every message that
  // contributes to the verdict of the request, so the user sees which ones to change.
  function perMessage(resp, asked, verdict) {
    const refused = verdict === "review" || verdict === "deny";
    let entries = [];
    try { entries = JSON.parse(resp.headers.get("x-hinagata-messages") || "[]"); } catch (e) { return; }
    for (const li of asked) {
      for (const old of li.querySelectorAll(".part-verdict")) old.remove();
    }
    for (const e of entries) {
      if (e.message === null || e.message === undefined || !asked[e.message]) continue;
      const li = asked[e.message];
      const label = LABELS[e.verdict] || {};
      const others = (e.with || []).map((m) => (m + 1) + "件目").join("・");
      const said = [];
      const latest = e.message === asked.length - 1;
      if (e.verdict !== "allow" && refused && !(latest && e.verdict === verdict)) said.push("このメッセージの判定：" + (label.alone || e.verdict));
      if (others) said.push(others + "のメッセージと合わせて読むと、個人が特定されるおそれがあります");
      if (e.split) said.push("前後のメッセージにまたがる個人情報があります");
      if (said.length) {
        const p = note(li, "〔" + (e.message + 1) + "件目〕" + said.join("。") + "。", "part-verdict " + (label.css || ""));
        p.dataset.verdict = e.verdict;
      }
    }
  }

  function item(role, text) {
    const li = document.createElement("li");
    li.className = "msg msg-" + role;
    const who = document.createElement("p");
    who.className = "who";
    who.textContent = role === "user" ? "あなた" : "AI";
    const body = document.createElement("div");
    body.className = "body";
    body.textContent = text;
    li.append(who, body);
    log.append(li);
    return li;
  }

  function note(li, text, cls) {
    const p = document.createElement("p");
    p.className = "verdict-note " + (cls || "");
    p.textContent = text;
    li.append(p);
    return p;
  }

  async function submit() {
    const text = prompt.value.trim();
    if (!text) { prompt.focus(); return; }
    const userLi = item("user", text);
    const candidate = messages.concat([{ role: "user", content: text }]);
    send.disabled = true;
    let resp;
    try {
      resp = await fetch("/chat/send", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: JSON.stringify({ model: model.value, messages: candidate, stream: true }),
      });
    } catch (e) {
      note(userLi, "接続できませんでした。時間をおいて再度お試しください。", "bad");
      send.disabled = false;
      return;
    }
    const verdict = resp.headers.get("x-hinagata-verdict");
    const asked = items.concat([userLi]);
    if (!resp.ok) {
      let data = {};
      try { data = await resp.json(); } catch (e) { /* not JSON */ }
      const err = data.error || {};
      note(userLi, sent(err.code) || err.message || ("エラー " + resp.status), "bad");
      for (const r of err.reasons || []) {
        note(userLi, "〔" + r.clause + " " + r.title + "〕" + r.message + " → " + r.remedy, "reason");
      }
      perMessage(resp, asked, verdict || err.code);
      send.disabled = false;
      return;
    }
    note(userLi, sent(verdict) || sent("allow"), verdict === "allow_masked" ? "masked" : "ok");
    perMessage(resp, asked, verdict);
    prompt.value = "";
    const aiLi = item("assistant", "");
    const body = aiLi.querySelector(".body");
    let answer = "";
    const reader = resp.body.getReader();
    const decoder = new TextDecoder();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 2);
        if (!line.startsWith("data:")) continue;
        const payload = line.slice(5).trim();
        if (payload === "[DONE]") continue;
        try {
          const obj = JSON.parse(payload);
          if (obj.error) { note(aiLi, obj.error.message, "bad"); continue; }
          for (const c of obj.choices || []) {
            const piece = (c.delta && c.delta.content) || "";
            answer += piece;
          }
          body.textContent = answer;
        } catch (e) { /* ignore malformed lines */ }
      }
    }
    messages = candidate.concat([{ role: "assistant", content: answer }]);
    items = items.concat([userLi, aiLi]);
    const disclosure = resp.headers.get("x-hinagata-disclosure");
    note(aiLi, disclosure ? decodeURIComponent(disclosure)
      : "生成AIの回答です。事実、数値、引用、固有名詞を必ず確認してから利用してください。", "disclosure");
    send.disabled = false;
    prompt.focus();
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); submit(); });
  prompt.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); }
  });
  document.getElementById("reset").addEventListener("click", () => {
    messages = [];
    items = [];
    log.replaceChildren();
    prompt.focus();
  });
})();
