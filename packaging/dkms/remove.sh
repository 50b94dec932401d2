# Shared by lanner-dkms's deb prerm and rpm %preun (build.sh inlines it).
# Unregisters this version from DKMS (its built modules go too). Never
# fails the removal.
lanner_dkms_remove() {
	command -v dkms >/dev/null 2>&1 || return 0
	if [ -n "$(dkms status -m lanner -v @VERSION@ 2>/dev/null)" ]; then
		dkms remove -m lanner -v @VERSION@ --all || echo "lanner-dkms: 'dkms remove -m lanner -v @VERSION@ --all' failed" >&2
	fi
	return 0
}
