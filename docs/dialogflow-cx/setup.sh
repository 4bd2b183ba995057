#!/usr/bin/env bash
# Creates Panier's minimal Dialogflow CX agent with the REST API (v3), from the JSON files
# next to this script. Needs gcloud (signed in, with the Dialogflow API enabled) and jq.
#   PROJECT_ID=my-project LOCATION=europe-west1 PANIER_URL=https://panier.example.com \
#   PANIER_DFCX_SECRET=... ./setup.sh
set -euo pipefail
cd "$(dirname "$0")"
: "${PROJECT_ID:?}" "${LOCATION:?}" "${PANIER_URL:?}" "${PANIER_DFCX_SECRET:?}"
API="https://${LOCATION}-dialogflow.googleapis.com/v3"
[ "$LOCATION" = global ] && API="https://dialogflow.googleapis.com/v3"
TOKEN=$(gcloud auth print-access-token)
call() { curl -sS --fail-with-body -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \
  -H "x-goog-user-project: $PROJECT_ID" "$@"; }

AGENT=$(call -X POST "$API/projects/$PROJECT_ID/locations/$LOCATION/agents" -d @agent.json | jq -r .name)
echo "agent:   $AGENT"
WEBHOOK=$(jq --arg uri "$PANIER_URL/webhooks/dialogflow-cx" --arg auth "Bearer $PANIER_DFCX_SECRET" \
  '.genericWebService.uri=$uri | .genericWebService.requestHeaders.Authorization=$auth' webhook.json |
  call -X POST "$API/$AGENT/webhooks" -d @- | jq -r .name)
echo "webhook: $WEBHOOK"
FLOW="$AGENT/flows/00000000-0000-0000-0000-000000000000"
sed -e "s#projects/PROJECT_ID/locations/LOCATION/agents/AGENT_ID/webhooks/WEBHOOK_ID#$WEBHOOK#g" \
    -e "s#projects/PROJECT_ID/locations/LOCATION/agents/AGENT_ID#$AGENT#g" start-flow.json |
  call -X PATCH "$API/$FLOW?updateMask=description,transitionRoutes,eventHandlers" -d @- >/dev/null
echo "start flow wired: every utterance now reaches $PANIER_URL/webhooks/dialogflow-cx"
