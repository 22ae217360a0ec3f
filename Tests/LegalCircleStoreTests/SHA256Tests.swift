import Foundation
@testable import LegalCircleStore
import Testing

@Suite struct SHA256Tests {
    // FIPS 180-2 appendix B and the empty message.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownDigests(message: String, digest: String) {
        #expect(SHA256.hexDigest(Data(message.utf8)) == digest)
    }

    @Test func aMillionAInOddChunksAndFromAFile() throws {
        let message = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        var hash = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 127, 1000, 7] + [Int](repeating: 4093, count: 300) {
            let end = min(offset + size, message.count)
            hash.update(message[offset..<end])
            offset = end
        }
        hash.update(message[offset...])
        #expect(hash.finalizeHex() == expected)

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("legalcircle-sha-\(UUID())")
        try message.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try SHA256.hexDigest(ofFile: url.path) == expected)
    }

    /// The SHA-extension path and the portable loop agree on every length around block boundaries and
    /// on a large random buffer; and where the processor has the extensions, the fast path is the one used.
    @Test func hardwareAndPortableAgree() throws {
        let cpuInfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        if cpuInfo.contains(" sha_ni") { #expect(SHA256.hardwareAvailable) }
        var generator = SystemRandomNumberGenerator()
        let lengths = Array(0...200) + [1_000, 4_096, 65_536 + 17, 3_000_001]
        for length in lengths {
            let message = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            var portable = SHA256()
            portable.usesHardware = false
            portable.update(message)
            var native = SHA256()
            native.update(message)
            #expect(native.finalizeHex() == portable.finalizeHex(), "length \(length)")
        }
    }
}
