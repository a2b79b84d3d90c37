#!/bin/sh
# Campaign benchmark (issue 15): one campaign to 10,000 customers (or the number given)
# through Kunde's outbox to a local SMTP server process (python3 -m aiosmtpd, as the tests
# use), on a fresh SQLite database; prints the time to fix the audience and queue every
# message, and the time to deliver them all.
#
#   bench/campaign_send.sh            # 10,000 customers, release build
#   PROFILE=dev bench/campaign_send.sh 2000
set -eu
cd "$(dirname "$0")/.."
profile="${PROFILE:-release}"
exec cargo run --quiet --profile "$profile" -p kunde-web --example campaign_send -- "$@"
