// Hinagata web chat: sends the conversation through the gateway (as the signed-in user),
// shows on each message its share of the one verdict of the conversation, streams the
// answer, and shows the AI-use disclosure.
//
// The gateway judges the whole conversation at once (a name in one message and an illness
// in another are judged together); x-hinagata-messages attributes that one judgment to the
// messages (ADR 0027): what was found where (offsets, never values), which messages a
// refusal rests on, the messages that identify someone together, and what each value
// became when masked (〔氏名1〕, numbered across the conversation as it was sent).
(() => {
  const root = document.getElementById("chat");
  if (!root) return;
  const csrf = root.dataset.csrf;
  const log = document.getElementById("log");
  const form = document.getElementById("chat-form");
  const prompt = document.getElementById("prompt");
  const model = document.getElementById("model");
  const send = document.getElementById("send");
  // The approved application the message is sent for (its permission applies), if any.
  const useCase = document.getElementById("use-case");
  // verdict → {sent, alone, css}: the wordings of hinagata.verdicts.LABELS.
  const LABELS = JSON.parse(root.dataset.labels || "{}");
  const label = (v) => LABELS[v] || {};
  // type → 氏名, kind → 役職: what each value found is called on the page.
  const KINDS = JSON.parse(root.dataset.kinds || "{}");
  const kindOf = (f) => (f.kind && (KINDS.kinds || {})[f.kind]) || (KINDS.types || {})[f.type] || "個人に関する情報";
  let messages = [];
  let items = [];  // the page's element for each message of the conversation, in order

  const nth = (i) => (i + 1) + "番目";
  const quote = (text) => {
    const t = text.replace(/\s+/g, " ").trim();
    return "「" + (t.length > 20 ? t.slice(0, 20) + "…" : t) + "」";
  };
  const uniq = (xs) => xs.filter((x, i) => xs.indexOf(x) === i);

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
    li.dataset.text = text;
    log.append(li);
    return li;
  }

  function number(li, i) {
    const who = li.querySelector(".who");
    who.textContent = (li.classList.contains("msg-user") ? "あなた" : "AI") + "（" + nth(i) + "のメッセージ）";
  }

  function note(li, text, cls) {
    const p = document.createElement("p");
    p.className = "verdict-note " + (cls || "");
    p.textContent = text;
    li.append(p);
    return p;
  }

  // The message's text with what was found in it marked (types as the check page colours
  // them); the values stay on this page, they never came back from the server.
  function highlight(li, found) {
    const body = li.querySelector(".body");
    const text = li.dataset.text || "";
    const spans = found
      .filter((f) => f.start >= 0 && f.end <= text.length && f.start < f.end)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    body.replaceChildren();
    let pos = 0;
    for (const f of spans) {
      if (f.start < pos) continue;
      body.append(text.slice(pos, f.start));
      const m = document.createElement("mark");
      m.className = "t t-" + f.type;
      m.title = kindOf(f);
      m.textContent = text.slice(f.start, f.end);
      body.append(m);
      pos = f.end;
    }
    body.append(text.slice(pos));
  }

  // What a message became on its way out: each replacement as 「value」→〔氏名1〕.
  function sentAs(li, sent) {
    const text = li.dataset.text || "";
    return uniq(sent.map((s) => "「" + text.slice(s.start, s.end) + "」→" + s.as)).join("、");
  }

  // The share of one message in the latest request (entry: one x-hinagata-messages row).
  // What was sent stays on a message (.msg-sent, renewed by each request that is sent);
  // a refusal's flags (.msg-verdict) are for the request refused, gone at the next one.
  function share(li, e, refused, last) {
    const kind = refused ? "msg-verdict" : "msg-sent";
    for (const old of li.querySelectorAll("." + kind)) old.remove();
    const own = (e.found || []).filter((f) => f.at === "messages[" + e.message + "].content");
    highlight(li, own);
    const labels = uniq(own.map(kindOf)).join("・");
    const said = [];
    let cls = "ok";
    if (refused) {
      if (e.codes && e.codes.length) {
        cls = "bad";
        const why = last ? "送信を止めた理由に当たります" : "今回の送信を止めた理由に当たります";
        said.push((labels ? "このメッセージの" + labels + "が、" : "このメッセージが、") + why);
      } else if (last) {
        said.push("このメッセージ自体には、送信を止めた理由はありません");
      }
    } else if (e.verdict === "allow_masked") {
      cls = "masked";
      // (A long conversation's header may leave out what each value became.)
      said.push("伏字にして送信しました" + (e.sent && e.sent.length ? "：" + sentAs(li, e.sent) : ""));
    } else if (li.classList.contains("msg-user")) {
      said.push(labels ? labels + "を含みますが、このサービスにはそのまま送信できるため、そのまま送信しました" : "そのまま送信しました");
    }
    const others = (e.with || []).filter((m) => m !== e.message);
    if (others.length) {
      cls = refused ? "bad" : cls;
      said.push(others.map(nth).join("・") + "のメッセージと合わせて読むと、個人が特定されるおそれがあ"
        + (refused ? "ります" : "るため、伏字又は一般化して送信しました"));
    }
    if (e.split) said.push("前後のメッセージにまたがって書かれた値があります");
    if (!said.length) return;
    const p = note(li, said.join("。") + "。", kind + " " + cls);
    p.dataset.verdict = e.verdict;
    // Each placeholder kept on one line (a narrow screen broke 〔氏名 / 1〕).
    if (cls === "masked" && e.sent && e.sent.length) {
      const list = sentAs(li, e.sent);
      const [head, ...rest] = p.textContent.split(list);
      p.replaceChildren(head);
      for (const piece of list.split(/(〔[^〔〕]+〕)/)) {
        if (!piece) continue;
        if (piece.startsWith("〔")) {
          const span = document.createElement("span");
          span.className = "nowrap";
          span.textContent = piece;
          p.append(span);
        } else {
          p.append(piece);
        }
      }
      p.append(rest.join(list));
    }
  }

  // The refusal, said once on the message that was not sent: which messages it rests on
  // (number and the start of the text), then each reason with its clause and remedy.
  function refusal(li, err, entries, asked) {
    const causes = entries.filter((e) => e.codes && e.codes.length);
    const named = causes.filter((e) => e.message !== null && asked[e.message]);
    const head = label(err.code).alone || err.message || "送信できません";
    const where = named.map((e) => nth(e.message) + "のメッセージ" + quote(asked[e.message].dataset.text || ""));
    if (causes.some((e) => e.message === null)) where.push("会話全体（読み取れない添付など）");
    note(li, head + (where.length ? "。理由となる情報は、" + where.join("と、") + "にあります。" : "。"), "bad msg-verdict");
    for (const r of err.reasons || []) {
      const on = causes.filter((e) => e.codes.includes(r.code) && e.message !== null).map((e) => nth(e.message));
      const p = note(li, "", "reason msg-verdict");
      const clause = document.createElement("strong");
      if (r.clause) {
        // The clause is a link to its full text on the guideline page.
        const a = document.createElement("a");
        a.href = "/guideline#clause-" + encodeURIComponent(r.clause);
        a.textContent = "ガイドライン " + r.clause + "「" + r.title + "」";
        clause.append(a);
      } else {
        clause.append(r.title);
      }
      if (on.length) clause.append("（" + on.join("・") + "のメッセージ）");
      p.append(clause, "：" + r.message + (r.remedy ? " → " + r.remedy : ""));
    }
    if (named.some((e) => e.message !== asked.length - 1)) {
      note(li, "前のメッセージも毎回あわせて送られます。理由が前のメッセージにある場合は、「会話を消す」で新しい会話を始めてください。", "msg-verdict hint");
    }
  }

  function entriesOf(resp) {
    try { return JSON.parse(resp.headers.get("x-hinagata-messages") || "[]"); } catch (e) { return []; }
  }

  async function submit() {
    const text = prompt.value.trim();
    if (!text) { prompt.focus(); return; }
    // A message refused before was never part of the conversation: it goes from the log
    // (its text is still in the box to be reworded), so the numbers stay those sent.
    for (const old of log.querySelectorAll(".msg-refused")) old.remove();
    for (const old of log.querySelectorAll(".msg-verdict")) old.remove();
    const userLi = item("user", text);
    const candidate = messages.concat([{ role: "user", content: text }]);
    const asked = items.concat([userLi]);
    asked.forEach((li, i) => number(li, i));
    send.disabled = true;
    let resp;
    try {
      resp = await fetch("/chat/send", {
        method: "POST",
        credentials: "same-origin",
        headers: Object.assign(
          { "content-type": "application/json", "x-csrf-token": csrf },
          useCase && useCase.value ? { "x-hinagata-use-case": useCase.value } : {}),
        body: JSON.stringify({ model: model.value, messages: candidate, stream: true }),
      });
    } catch (e) {
      userLi.classList.add("msg-refused");
      note(userLi, "接続できませんでした。時間をおいて再度お試しください。", "bad");
      send.disabled = false;
      return;
    }
    const entries = entriesOf(resp);
    const mine = (i) => entries.find((e) => e.message === i) || { message: i, found: [], sent: [], codes: [], with: [] };
    if (!resp.ok) {
      let data = {};
      try { data = await resp.json(); } catch (e) { /* not JSON */ }
      const err = data.error || {};
      userLi.classList.add("msg-refused");
      const refused = err.code === "review" || err.code === "deny";
      if (refused) {
        asked.forEach((li, i) => share(li, mine(i), true, i === asked.length - 1));
        refusal(userLi, err, entries, asked);
      } else {
        note(userLi, err.message || ("エラー " + resp.status), "bad");
      }
      send.disabled = false;
      return;
    }
    asked.forEach((li, i) => share(li, mine(i), false, i === asked.length - 1));
    prompt.value = "";
    const aiLi = item("assistant", "");
    number(aiLi, asked.length);
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
    aiLi.dataset.text = answer;
    messages = candidate.concat([{ role: "assistant", content: answer }]);
    items = asked.concat([aiLi]);
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
