# Shared by lanner-dkms's deb postinst and rpm %posttrans (build.sh
# inlines it and fills in the version). Registers the source with DKMS and
# builds lanner.ko for the running kernel. Never fails the install: a
# missing dkms, missing kernel headers or a failed build is explained and
# left for later (DKMS's AUTOINSTALL builds for kernels installed later;
# driver-loader falls back to eBPF where the kernel allows it).
lanner_dkms_install() {
	name=lanner
	ver=@VERSION@
	if ! command -v dkms >/dev/null 2>&1; then
		echo "lanner-dkms: dkms is not installed; the module source stays in /usr/src/$name-$ver." >&2
		echo "lanner-dkms: install dkms, then run: dkms install -m $name -v $ver" >&2
		return 0
	fi
	if [ -z "$(dkms status -m "$name" -v "$ver" 2>/dev/null)" ]; then
		if ! dkms add -m "$name" -v "$ver"; then
			echo "lanner-dkms: 'dkms add -m $name -v $ver' failed; the module is not built." >&2
			return 0
		fi
	fi
	rel=$(uname -r)
	if [ ! -e "/lib/modules/$rel/build" ]; then
		echo "lanner-dkms: no kernel headers for the running kernel $rel (/lib/modules/$rel/build is missing): lanner.ko is not built now." >&2
		echo "lanner-dkms: install them (Debian/Ubuntu: linux-headers-$rel; RHEL, CentOS, Rocky: kernel-devel-$rel), then run: dkms install -m $name -v $ver -k $rel" >&2
		echo "lanner-dkms: until then driver-loader uses the eBPF fallback where this kernel allows it ('driver-loader explain')." >&2
		return 0
	fi
	echo "lanner-dkms: building lanner.ko for $rel (DKMS)"
	if dkms build -m "$name" -v "$ver" -k "$rel" && dkms install -m "$name" -v "$ver" -k "$rel"; then
		echo "lanner-dkms: lanner.ko built and installed for $rel"
	else
		echo "lanner-dkms: building lanner.ko for $rel failed (log: /var/lib/dkms/$name/$ver/build/make.log); driver-loader falls back to eBPF where it can." >&2
	fi
	return 0
}
