#!/usr/bin/env bash
# Runs the SocketCAN tests (the socketcan module's suite, hil-rig SocketCanOutputTest, device-agent
# SocketCanTransportTest: every SocketCan*Test) on a real kernel CAN stack where the host kernel has none (this build
# VM: no CAN, no vcan). A QEMU guest boots Debian's stock kernel (linux-image-amd64, which has can, can-raw and vcan
# as modules) from a busybox initramfs, mounts the host's root file system over virtio-9p, creates vcan0 (MTU 72:
# CAN FD) and runs those test classes with this repository's Maven, offline, as the host would. Software emulation
# (TCG), no network in the guest; about 2-3 minutes.
#
#   scripts/socketcan-tests-in-vm.sh            # exit status = the tests' (0 when they pass)
#
# Needs qemu-system-x86, busybox-static and kmod's depmod-free module list below; as root it installs what is
# missing with apt-get. Kernel, initramfs and logs go to target/socketcan-vm/.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$repo/target/socketcan-vm
mkdir -p "$work"

need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
[ -x /bin/busybox ] && /bin/busybox --list 2>/dev/null | grep -qx cpio || need+=(busybox-static)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "socketcan-tests-in-vm: install ${need[*]} first (apt-get install ${need[*]})" >&2
        exit 2
    fi
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

# Debian's current kernel package, unpacked (not installed)
kernel_pkg=$(apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -1)
[ -n "$kernel_pkg" ] || { echo "socketcan-tests-in-vm: no linux-image-amd64 in the apt sources" >&2; exit 2; }
version=${kernel_pkg#linux-image-}
if [ ! -d "$work/kernel/lib/modules/$version" ]; then
    (cd "$work" && rm -f linux-image-*.deb && apt-get download "$kernel_pkg" >/dev/null)
    rm -rf "$work/kernel" && dpkg-deb -x "$work"/linux-image-*.deb "$work/kernel"
fi
modules=$work/kernel/lib/modules/$version/kernel

# initramfs: busybox, the modules for virtio-9p and CAN in dependency order, and an init that runs the tests
initrd=$work/initrd
rm -rf "$initrd" && mkdir -p "$initrd"/{bin,mods,proc,sys,dev,host}
cp /bin/busybox "$initrd/bin/busybox"
order="drivers/virtio/virtio_ring drivers/virtio/virtio drivers/virtio/virtio_pci_legacy_dev
  drivers/virtio/virtio_pci_modern_dev drivers/virtio/virtio_pci fs/netfs/netfs fs/fscache/fscache net/9p/9pnet
  net/9p/9pnet_virtio fs/9p/9p net/can/can net/can/can-raw drivers/net/can/dev/can-dev drivers/net/can/vcan"
names=()
for m in $order; do
    if [ -f "$modules/$m.ko" ]; then
        cp "$modules/$m.ko" "$initrd/mods/"
    elif [ -f "$modules/$m.ko.xz" ]; then
        xz -dc "$modules/$m.ko.xz" > "$initrd/mods/$(basename "$m").ko"
    else
        continue # built into this kernel
    fi
    names+=("$(basename "$m")")
done
cat > "$initrd/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
for m in ${names[*]}; do insmod /mods/\$m.ko || echo "insmod \$m failed"; done
mount -t 9p -o trans=virtio,version=9p2000.L,msize=524288,cache=loose host /host
mount -t proc proc /host/proc; mount -t sysfs sys /host/sys; mount -t devtmpfs dev /host/dev
mount -t tmpfs shm /host/dev/shm 2>/dev/null
chroot /host /bin/bash -c 'export HOME=$HOME PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin JAVA_TOOL_OPTIONS=-Xshare:off
  ip link set lo up && ip link add dev vcan0 type vcan && ip link set vcan0 mtu 72 up && ip -details link show vcan0
  cd $repo && ./mvnw -o -B -q -pl socketcan,hil-rig,device-agent -am test -Dsurefire.failIfNoSpecifiedTests=false \\
      -Dtest=SocketCan\\*Test'
echo "VM-TESTS-EXIT=\$?"
poweroff -f
EOF
chmod +x "$initrd/init"
(cd "$initrd" && find . | /bin/busybox cpio -o -H newc 2>/dev/null | gzip -1 > "$work/initrd.gz")

# the classes the guest tests, compiled on the host (fast) so the guest's Maven finds them up to date
./mvnw -o -B -q -pl socketcan,hil-rig,device-agent -am -DskipTests test-compile
reports="socketcan/target/surefire-reports hil-rig/target/surefire-reports device-agent/target/surefire-reports"
for dir in $reports; do rm -f "$dir"/*SocketCan*; done

echo "booting $kernel_pkg in QEMU (software emulation); log in $work/console.log"
timeout 1800 qemu-system-x86_64 -accel tcg,thread=single -smp 2 -m 3072 -nographic -no-reboot -nic none \
    -kernel "$work/kernel/boot/vmlinuz-$version" -initrd "$work/initrd.gz" -append "console=ttyS0 quiet panic=-1" \
    -virtfs local,path=/,mount_tag=host,security_model=none,id=host,multidevs=remap > "$work/console.log" 2>&1 || true
grep -a -E "vcan0|link/can|Tests run|FAIL|ERROR|VM-TESTS-EXIT" "$work/console.log" | grep -av "^\[ERROR\] *$" || true
status=$(sed -n 's/.*VM-TESTS-EXIT=\([0-9]*\).*/\1/p' "$work/console.log" | tail -1)
for dir in $reports; do
    for report in "$dir"/*SocketCan*.txt; do
        [ -f "$report" ] && grep -h "Tests run" "$report"
    done
done
exit "${status:-1}"
