# Cross build for Raspberry Pi OS 32-bit (armhf) with Debian's arm-linux-gnueabihf-gcc; ctest runs
# the test binaries under qemu-user.
#
# The target's libraries come from one of two places: a root of unpacked armhf packages named by
# OMPSCALE_SYSROOT (what .ci/cross.sh makes; nothing foreign is installed on the host), or, when it
# is empty, Debian multiarch (dpkg --add-architecture armhf; apt-get install libcairo2-dev:armhf
# libjson-c-dev:armhf libgomp1:armhf).
#
# Code is for ARMv7-A with NEON and VFPv4, hard-float: the Cortex-A7 of the Pi 2, and so every Pi
# since (3, 4, 5, Zero 2 W) running the 32-bit OS. The ABI is the one Raspberry Pi OS uses, so the
# binary runs against its libraries. The ARMv6 Pis (1, Zero, Zero W) are out of reach: Debian's
# armhf C library, start files and libgcc are ARMv7 code; build natively on those. The tests run
# on a Cortex-A7 so that nothing newer slips in. Fused multiply-add needs no care here: the
# project builds as ISO C11, where gcc does not contract a*b+c.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(CMAKE_C_COMPILER arm-linux-gnueabihf-gcc)
set(CMAKE_C_FLAGS_INIT "-march=armv7-a -mfpu=neon-vfpv4 -mfloat-abi=hard")

set(ompscale_arch armhf)
set(ompscale_triplet arm-linux-gnueabihf)
set(ompscale_qemu qemu-arm)
set(ompscale_qemu_cpu cortex-a7)
include(${CMAKE_CURRENT_LIST_DIR}/debian-cross.cmake)
