import Foundation
import LegalCircle
import Synchronization

/// Progress bars on standard error for long phases (reading a large file, computing coverage):
/// `coverage  [██████░░░░░░]  4,200,000 / 10,000,000 residences  2.1 M/s  42%`.
///
/// Shown only when standard error is a terminal and `--quiet` was not given, so pipes, files and
/// tests see nothing. Redrawn at most ten times a second, and only for phases over `minimumTotal`.
enum TerminalProgress {
    private static let isQuiet = Atomic<Bool>(false)

    /// For `--quiet` (see `StoreOptions.validate`).
    static func setQuiet(_ quiet: Bool) {
        isQuiet.store(quiet, ordering: .relaxed)
    }
    /// Small phases finish before a bar would help.
    static let minimumTotal = 200_000

    /// The sink to hand to the library, or nil when nothing should be shown.
    static var sink: ProgressSink? {
        guard !isQuiet.load(ordering: .relaxed), isatty(STDERR_FILENO) == 1 else { return nil }
        return ProgressSink { phase, total, unit in
            let bar = Bar(phase: phase, total: total, unit: unit)
            return ProgressCounter(
                total: total, changed: { done in bar.draw(done, final: false) },
                finished: { done in bar.draw(done, final: true) })
        }
    }

    private final class Bar: Sendable {
        let phase: String
        let total: Int
        let unit: String
        let start = ContinuousClock.now
        /// Seconds since `start` of the last redraw, -1 before the first.
        private let lastDraw = Mutex<Double>(-1)

        init(phase: String, total: Int, unit: String) {
            self.phase = phase
            self.total = total
            self.unit = unit
        }

        func draw(_ done: Int, final: Bool) {
            guard total >= TerminalProgress.minimumTotal else { return }
            let elapsed = (ContinuousClock.now - start).seconds
            let due = lastDraw.withLock { last in
                guard final || elapsed - last >= 0.1 else { return false }
                last = elapsed
                return true
            }
            guard due else { return }
            FileHandle.standardError.write(Data(line(done: done, elapsed: elapsed, final: final).utf8))
        }

        func line(done: Int, elapsed: Double, final: Bool) -> String {
            let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let counts = unit == "bytes"
                ? "\(Self.megabytes(done)) / \(Self.megabytes(total)) MB  \(Self.megabytes(Int(rate))) MB/s"
                : "\(Self.grouped(done)) / \(Self.grouped(total)) \(unit)  \(Self.compact(rate))/s"
            let text = "\r\u{1B}[K\(phase)  [\(bar)]  \(counts)  \(Int(fraction * 100))%"
            return final ? text + String(format: "  %.1f s\n", elapsed) : text
        }

        static func grouped(_ value: Int) -> String {
            let digits = String(value)
            var out = ""
            for (i, c) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
                out.append(c)
            }
            return out
        }

        static func megabytes(_ bytes: Int) -> String { String(format: "%.0f", Double(bytes) / 1_000_000) }

        static func compact(_ rate: Double) -> String {
            rate >= 1_000_000 ? String(format: "%.1f M", rate / 1_000_000) : String(format: "%.0f", rate)
        }
    }
}
