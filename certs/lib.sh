# Shared by dev-ca.sh and new-thing.sh: argument parsing and one function that issues a leaf certificate.
# Sourced, never run. Keys are EC P-256 in unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY"), which the JDK
# (PKCS8EncodedKeySpec), BouncyCastle, OpenSSL, Mosquitto and the AWS CRT all read.

set -euo pipefail
umask 077

CERTS_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT_DIR="$CERTS_HOME/generated"
DAYS_CA=3650
DAYS_LEAF=825

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# new_key <file>: an EC P-256 private key in PKCS#8 PEM.
new_key() {
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$1"
}

# issue_leaf <dir> <common name> <extensions>: writes <dir>/private.key and <dir>/certificate.pem signed by the CA.
issue_leaf() {
    local dir="$1" cn="$2" ext="$3"
    [ -f "$OUT_DIR/ca.pem" ] && [ -f "$OUT_DIR/ca.key" ] || die "no CA in $OUT_DIR; run dev-ca.sh --dir $OUT_DIR first"
    mkdir -p "$dir"
    local tmp
    tmp="$(mktemp -d)"
    new_key "$tmp/private.key"
    openssl req -new -key "$tmp/private.key" -subj "/O=fleet-dev/CN=$cn" -out "$tmp/request.csr"
    printf '%s\n' "$ext" > "$tmp/ext.cnf"
    openssl x509 -req -in "$tmp/request.csr" -CA "$OUT_DIR/ca.pem" -CAkey "$OUT_DIR/ca.key" \
        -set_serial "0x$(openssl rand -hex 16)" -days "$DAYS_LEAF" -sha256 \
        -extfile "$tmp/ext.cnf" -out "$tmp/certificate.pem" 2>/dev/null
    mv "$tmp/private.key" "$dir/private.key"
    mv "$tmp/certificate.pem" "$dir/certificate.pem"
    chmod 644 "$dir/certificate.pem"
    rm -rf "$tmp"
}

CLIENT_EXT='basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid'
