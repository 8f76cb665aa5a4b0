#!/usr/bin/env bash
# Makes a device (thing) certificate signed by the development CA; its CN is the thing name, which is
# also the MQTT client id the broker demands and the AWS IoT thing name.
# Usage: certs/new-thing.sh [--dir <out>] [--force] <thing>
#   --dir    folder holding the CA (default certs/generated); writes <out>/things/<thing>/
#   --force  replace an existing certificate for this thing
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

force=false
thing=""
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) [ $# -ge 2 ] || die "--dir needs a folder"; OUT_DIR="$2"; shift 2 ;;
        --force) force=true; shift ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        -*) die "unknown option: $1 (see --help)" ;;
        *) [ -z "$thing" ] || die "one thing name only"; thing="$1"; shift ;;
    esac
done
[ -n "$thing" ] || die "usage: new-thing.sh [--dir <out>] [--force] <thing>"
# The AWS IoT thing-name alphabet; it also keeps MQTT wildcards and '/' out of topic prefixes.
[[ "$thing" =~ ^[a-zA-Z0-9:_-]{1,128}$ ]] || die "invalid thing name '$thing': use 1-128 of [a-zA-Z0-9:_-]"

dir="$OUT_DIR/things/$thing"
if [ -f "$dir/certificate.pem" ] && ! $force; then
    echo "keeping the existing certificate of $thing in $dir (use --force to replace it)"
    exit 0
fi
issue_leaf "$dir" "$thing" "$CLIENT_EXT"
echo "made the certificate of $thing: $dir/certificate.pem"
