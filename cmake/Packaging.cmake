# Debian packages built by CPack (`./run.sh package`, or `cpack -G DEB` in a build folder):
#   bangvang          the kiosk, its systemd units, default config, themes, provisioning
#   bangvang-publish  the staff tool
#   bangvang-portal   the district's service: kiosk reports, fleet page, publicity report
# Everything installed under /etc and /lib is absolute on purpose: those paths are
# Debian's, not the install prefix's (/usr in the package).

set(BANGVANG_FIRMWARE_DIR ${PROJECT_SOURCE_DIR}/firmware)
set(BANGVANG_PACKAGE_MAINTAINER "bangvang maintainers <maintainers@users.noreply.b-seed-5170e848.example>"
    CACHE STRING "Maintainer field of the .deb packages")

# cpack packages what is built: run.sh builds the two programs first. Without this,
# cpack's preinstall step would first build every target, tests included.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

# Debian wants a changelog in every package; written from the template at configure time.
configure_file(${BANGVANG_FIRMWARE_DIR}/debian/changelog.in ${PROJECT_BINARY_DIR}/debian/changelog @ONLY)
execute_process(COMMAND gzip -9 --no-name --stdout ${PROJECT_BINARY_DIR}/debian/changelog
                OUTPUT_FILE ${PROJECT_BINARY_DIR}/debian/changelog.Debian.gz
                COMMAND_ERROR_IS_FATAL ANY)

install(FILES ${BANGVANG_FIRMWARE_DIR}/bangvang.service ${BANGVANG_FIRMWARE_DIR}/bangvang-display-power@.service
              ${BANGVANG_FIRMWARE_DIR}/bangvang-update.service ${BANGVANG_FIRMWARE_DIR}/bangvang-update-check.service
        DESTINATION /lib/systemd/system COMPONENT kiosk)
install(FILES ${BANGVANG_FIRMWARE_DIR}/kiosk.json DESTINATION /etc/bangvang COMPONENT kiosk)
install(FILES ${BANGVANG_FIRMWARE_DIR}/sysusers.conf DESTINATION lib/sysusers.d RENAME bangvang.conf COMPONENT kiosk)
install(PROGRAMS ${BANGVANG_FIRMWARE_DIR}/display-power.sh DESTINATION libexec/bangvang RENAME display-power
        COMPONENT kiosk)
install(PROGRAMS ${BANGVANG_FIRMWARE_DIR}/update.sh DESTINATION libexec/bangvang RENAME update COMPONENT kiosk)
install(PROGRAMS ${BANGVANG_FIRMWARE_DIR}/provision.sh DESTINATION sbin RENAME bangvang-provision COMPONENT kiosk)
# provision.sh reads its config.txt fragment from here once installed.
install(FILES ${BANGVANG_FIRMWARE_DIR}/config.txt DESTINATION share/bangvang COMPONENT kiosk)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/themes/ DESTINATION share/bangvang/themes COMPONENT kiosk
        FILES_MATCHING PATTERN "*.json")
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${BANGVANG_FIRMWARE_DIR}/debian/copyright
              ${PROJECT_BINARY_DIR}/debian/changelog.Debian.gz
        DESTINATION share/doc/bangvang COMPONENT kiosk)
install(FILES ${BANGVANG_FIRMWARE_DIR}/debian/copyright ${PROJECT_BINARY_DIR}/debian/changelog.Debian.gz
        DESTINATION share/doc/bangvang-publish COMPONENT publish)

set(BANGVANG_PORTAL_DIR ${BANGVANG_FIRMWARE_DIR}/portal)
install(FILES ${BANGVANG_PORTAL_DIR}/bangvang-portal.service DESTINATION /lib/systemd/system COMPONENT portal)
install(FILES ${BANGVANG_PORTAL_DIR}/portal.json DESTINATION /etc/bangvang-portal COMPONENT portal)
install(FILES ${BANGVANG_PORTAL_DIR}/sysusers.conf DESTINATION lib/sysusers.d RENAME bangvang-portal.conf COMPONENT portal)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${BANGVANG_PORTAL_DIR}/nginx-site.conf
              ${BANGVANG_FIRMWARE_DIR}/mirror/nginx-mirror.conf ${BANGVANG_FIRMWARE_DIR}/debian/copyright
              ${PROJECT_BINARY_DIR}/debian/changelog.Debian.gz
        DESTINATION share/doc/bangvang-portal COMPONENT portal)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME bangvang)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${BANGVANG_PACKAGE_MAINTAINER})
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL kiosk publish portal)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# dpkg-shlibdeps turns the binaries' NEEDED libraries into Depends, for the host or,
# cross-building, for the target (run.sh sets DEB_HOST_ARCH for it).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

# The packages' architecture is the target's, which cross-building is not dpkg's.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64)$")
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE amd64)
endif()

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME bangvang)
set(CPACK_DEBIAN_KIOSK_DESCRIPTION "Honour-board kiosk display for ward halls and schools
bangvang plays stories of exemplary people, school honour rolls, emulation
standings, announcements and commemorations from feeds published by staff,
full screen through KMS/DRM, from a local cache that keeps playing offline.
Runs as the systemd service bangvang.service with a watchdog.")
# Not found by dpkg-shlibdeps: SDL loads EGL, GLES and the Mesa drivers at run time
# for KMS/DRM, the sync loads libcurl when a source is remote; the slides' text needs
# Noto Sans; the maintainer scripts need systemd.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "fonts-noto-core, fonts-noto-color-emoji, fonts-symbola, libcurl4, libegl1, libgles2, libgl1-mesa-dri, systemd")
# HDMI-CEC (cec-ctl) for the screen schedule; overlayroot for the read-only root.
set(CPACK_DEBIAN_KIOSK_PACKAGE_SUGGESTS "v4l-utils, overlayroot")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    ${BANGVANG_FIRMWARE_DIR}/debian/postinst
    ${BANGVANG_FIRMWARE_DIR}/debian/prerm
    ${BANGVANG_FIRMWARE_DIR}/debian/postrm
    ${BANGVANG_FIRMWARE_DIR}/debian/conffiles)

set(CPACK_DEBIAN_PUBLISH_PACKAGE_NAME bangvang-publish)
set(CPACK_DEBIAN_PUBLISH_DESCRIPTION "Staff tool that builds bangvang content into feeds
bangvang-publish turns a folder of stories, honour rolls, standings and
announcements into a feed (manifest and media named by hash) that bangvang
kiosks load.")
# libcurl: push and status load it at run time (curl_library.hpp), dpkg-shlibdeps cannot see it.
set(CPACK_DEBIAN_PUBLISH_PACKAGE_DEPENDS "fonts-noto-core, fonts-noto-color-emoji, fonts-symbola, libcurl4")

set(CPACK_DEBIAN_PORTAL_PACKAGE_NAME bangvang-portal)
set(CPACK_DEBIAN_PORTAL_DESCRIPTION "District service receiving bangvang kiosk reports
bangvang-portal receives the signed heartbeats and proof of play of a
district's bangvang kiosks, stores them in SQLite, and serves the fleet page
and the publicity report to staff, on loopback behind nginx (an example site
is in /usr/share/doc/bangvang-portal/nginx-site.conf).")
# systemd-sysusers and the unit; nginx is the public face (TLS, limits, staff password).
set(CPACK_DEBIAN_PORTAL_PACKAGE_DEPENDS "systemd")
set(CPACK_DEBIAN_PORTAL_PACKAGE_RECOMMENDS "nginx")
set(CPACK_DEBIAN_PORTAL_PACKAGE_CONTROL_EXTRA
    ${BANGVANG_PORTAL_DIR}/debian/postinst
    ${BANGVANG_PORTAL_DIR}/debian/prerm
    ${BANGVANG_PORTAL_DIR}/debian/postrm
    ${BANGVANG_PORTAL_DIR}/debian/conffiles)

include(CPack)
