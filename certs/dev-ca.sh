#!/usr/bin/env bash
# Makes the development CA, the broker's server certificate and the cloud service's client certificate.
# Usage: certs/dev-ca.sh [--dir <out>] [--force]
#   --dir    output folder (default certs/generated)
#   --force  replace an existing CA; every certificate it signed stops being trusted
# Idempotent: an existing CA is kept, and the broker/service certificates are only made when missing.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

force=false
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) [ $# -ge 2 ] || die "--dir needs a folder"; OUT_DIR="$2"; shift 2 ;;
        --force) force=true; shift ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done
mkdir -p "$OUT_DIR"

if [ -f "$OUT_DIR/ca.pem" ] && ! $force; then
    echo "keeping the existing CA in $OUT_DIR (use --force to replace it)"
else
    # A new CA invalidates everything issued before, so leaves are re-issued with it.
    rm -rf "$OUT_DIR/broker" "$OUT_DIR/service" "$OUT_DIR/things"
    new_key "$OUT_DIR/ca.key"
    openssl req -x509 -new -key "$OUT_DIR/ca.key" -sha256 -days "$DAYS_CA" \
        -subj "/O=fleet-dev/CN=fleet development CA" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "subjectKeyIdentifier=hash" \
        -out "$OUT_DIR/ca.pem"
    chmod 644 "$OUT_DIR/ca.pem"
    echo "made the development CA: $OUT_DIR/ca.pem"
fi

if [ ! -f "$OUT_DIR/broker/certificate.pem" ]; then
    issue_leaf "$OUT_DIR/broker" "localhost" 'basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid'
    echo "made the broker certificate: $OUT_DIR/broker/certificate.pem"
fi

if [ ! -f "$OUT_DIR/service/certificate.pem" ]; then
    issue_leaf "$OUT_DIR/service" "fleet-service" "$CLIENT_EXT"
    echo "made the service certificate: $OUT_DIR/service/certificate.pem"
fi
