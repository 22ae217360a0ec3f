#if canImport(Glibc)
import Glibc
#endif
import LegalCircleCLI

@main
enum Entrypoint {
    static func main() async {
        HugePages.enable()
        await LegalCircleCommand.run()
    }
}

/// Large arrays on transparent huge pages. A road network's graphs are gigabytes read at random: with
/// 4 KiB pages a third of building them went to page faults and the searches to TLB misses (bench
/// --roads: graphs 21.6 -> 12.4 s, search 4.4 -> 1.9 s). glibc's malloc asks the kernel for huge pages
/// only when told at start-up (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, glibc 2.35+; the kernel's usual
/// "madvise" mode), so the process starts itself again once with the tunable added. Set
/// `LEGALCIRCLE_HUGE_PAGES=0` to leave it out.
enum HugePages {
    static func enable() {
        #if os(Linux)
        let tunable = "glibc.malloc.hugetlb=1"
        let existing = getenv("GLIBC_TUNABLES").map { String(cString: $0) } ?? ""
        if existing.contains("glibc.malloc.hugetlb") { return }
        if let choice = getenv("LEGALCIRCLE_HUGE_PAGES").map({ String(cString: $0) }), choice == "0" { return }
        setenv("GLIBC_TUNABLES", existing.isEmpty ? tunable : existing + ":" + tunable, 1)
        // On success execv does not return; on failure the command runs as it is, on small pages.
        _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
        #endif
    }
}
