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

set(OMPSCALE_SYSROOT "" CACHE PATH "Root of unpacked armhf packages; empty for Debian multiarch")
# try_compile projects read this file again and need the same root.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES OMPSCALE_SYSROOT)

if(OMPSCALE_SYSROOT)
  set(CMAKE_SYSROOT "${OMPSCALE_SYSROOT}")
  set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)   # pkg-config and bash are the host's
  set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
  set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
  set(ENV{PKG_CONFIG_SYSROOT_DIR} "${OMPSCALE_SYSROOT}")
  set(ompscale_qemu_root "${OMPSCALE_SYSROOT}")
else()
  unset(ENV{PKG_CONFIG_SYSROOT_DIR})
  # The multiarch loader, libc and libgomp. "-L /usr/arm-linux-gnueabihf" would pair the
  # cross package's loader with the multiarch libc.so.6, two glibc builds: OpenMP tests then hang.
  set(ompscale_qemu_root /)
endif()
# Only the target's .pc files, never the host's.
set(ENV{PKG_CONFIG_LIBDIR} "${OMPSCALE_SYSROOT}/usr/lib/arm-linux-gnueabihf/pkgconfig")
set(ENV{PKG_CONFIG_LIBDIR} "$ENV{PKG_CONFIG_LIBDIR}:${OMPSCALE_SYSROOT}/usr/share/pkgconfig")
unset(ENV{PKG_CONFIG_PATH})

# By full path: the tests run it with PATH changed.
find_program(OMPSCALE_QEMU qemu-arm)
if(NOT OMPSCALE_QEMU)
  message(WARNING "qemu-arm was not found (apt-get install qemu-user): the tests cannot run")
  set(OMPSCALE_QEMU qemu-arm)
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR "${OMPSCALE_QEMU}" -cpu cortex-a7 -L "${ompscale_qemu_root}")
