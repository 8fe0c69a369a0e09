#!/usr/bin/env bash
# The main job on embedded defaults: set up, then start the gateway with SQLite, the
# bundled national template and the example services, routed to a clearly labelled demo
# upstream (「デモ用：実際のAIではありません」). A demo API key is created once and printed
# with a curl and an openai example. Extra arguments go to `hinagata serve`
# (e.g. --config examples/gateway.yaml to use real models, --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p var
if [ ! -s var/demo-key.txt ]; then
  .venv/bin/hinagata keys create --user demo --department 福祉課 --trained --note "scripts/run.sh demo key" \
    | tail -n 1 > var/demo-key.txt
fi
KEY="$(cat var/demo-key.txt)"
# The first administrator of the web application (the password is generated once).
if [ ! -s var/admin-password.txt ]; then
  ( umask 077; .venv/bin/hinagata users add --login admin --name 管理者 --role admin \
      --department 情報政策課 --trained --generate-password | tail -n 1 > var/admin-password.txt )
fi
ADMIN_PW="$(cat var/admin-password.txt)"
PORT=8000
prev=""
for arg in "$@"; do
  if [ "$prev" = "--port" ]; then PORT="$arg"; fi
  prev="$arg"
done
cat <<EOF2

Hinagata ゲートウェイ（組み込みの既定値・デモ用の上流）/ Hinagata gateway (embedded defaults, demo upstream)

Web画面 / web application: http://127.0.0.1:${PORT}/
  ログイン名 / login: admin
  パスワード / password: ${ADMIN_PW}   （var/admin-password.txt。初回ログイン後に画面右上の「パスワード変更」で変更してください）
  職員の追加 / add staff: .venv/bin/hinagata users add --login tanaka --name "田中 一郎" --department 市民課 --role staff --trained

デモ用の API キー / demo API key: ${KEY}

別の端末で / in another terminal:
  curl -s http://127.0.0.1:${PORT}/v1/chat/completions -H "Authorization: Bearer ${KEY}" -H "Content-Type: application/json" \\
    -d '{"model": "demo", "messages": [{"role": "user", "content": "転入届：高橋 健一、生年月日 1988年11月2日。要点をまとめて。"}]}'

  .venv/bin/python -c 'from openai import OpenAI; c = OpenAI(base_url="http://127.0.0.1:${PORT}/v1", api_key="${KEY}"); print(c.chat.completions.create(model="demo", messages=[{"role": "user", "content": "相談者 高橋 健一（090-1234-5678）への連絡文を作って"}]).choices[0].message.content)'

一般向けサービス（model: demo-consumer-chat）に同じ文章を送ると 403 になります / the same text to demo-consumer-chat is refused (403).
EOF2
exec .venv/bin/hinagata serve "$@"
