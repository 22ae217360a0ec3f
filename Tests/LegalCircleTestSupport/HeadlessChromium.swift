import Foundation
import LegalCircleTestSupport
import Testing

/// Debian's `chromium` in headless mode, as the HTML report tests use it: offline pages from files,
/// the DOM after scripts ran, the browser console (logged to standard error), screenshots. Shared by the
/// CLI's HTML report tests and the web service's page tests.
public struct HeadlessChromium: Sendable {
    public let executable: URL

    /// The browser that `Prerequisite.chromium` found. Tests using it declare `.requires(.chromium)`,
    /// so they run only when it is there; elsewhere this throws.
    public static func installed(sourceLocation: SourceLocation = #_sourceLocation) throws -> HeadlessChromium {
        HeadlessChromium(executable: try #require(Prerequisite.chromium.executable, "\(Prerequisite.chromium)", sourceLocation: sourceLocation))
    }

    public struct Output: Sendable {
        public var stdout: String
        public var stderr: String
        public var status: Int32
        /// Lines the page wrote to the console, CSP violations and uncaught errors included
        /// (`--enable-logging=stderr` logs each as `…:INFO:CONSOLE:LINE] "message", source: URL (LINE)`).
        public var consoleLines: [String] { stderr.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") } }
    }

    /// Runs the browser on `page` with `arguments`, in a throw-away profile, killing it after `timeout`.
    public func run(_ arguments: [String], page: URL, timeout: TimeInterval = 120) throws -> Output {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-profile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = executable
        process.arguments =
            ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
                "--enable-logging=stderr", "--v=0"] + arguments + [page.absoluteString]
        // Output to files, not pipes: nothing to drain while the browser runs.
        let outFile = profile.appendingPathExtension("out")
        let errFile = profile.appendingPathExtension("err")
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
        }
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Output(
            stdout: String(decoding: try Data(contentsOf: outFile), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errFile), as: UTF8.self), status: process.terminationStatus)
    }

    /// The DOM after the page's scripts ran.
    public func dumpDOM(_ page: URL) throws -> Output {
        try run(["--virtual-time-budget=5000", "--dump-dom"], page: page)
    }

    /// A PNG screenshot of the page's first `width` × `height` CSS pixels.
    public func screenshot(_ page: URL, to file: URL, width: Int, height: Int) throws -> Output {
        try run(["--hide-scrollbars", "--window-size=\(width),\(height)", "--screenshot=\(file.path)"], page: page)
    }

    /// Distinct colours and non-white pixels of a PNG, decoded by the browser itself: the image goes
    /// into a page as a data: URL, a canvas reads its pixels, and the counts come back in the DOM.
    public func pixelStatistics(ofPNG png: URL, folder: URL) throws -> (width: Int, height: Int, colours: Int, nonWhite: Int) {
        let page = folder.appendingPathComponent("pixels-\(UUID().uuidString).html")
        let html = """
            <!DOCTYPE html><html><body><img id="shot" src="data:image/png;base64,\(try Data(contentsOf: png).base64EncodedString())">
            <pre id="stats">pending</pre><script>
            function count(){var image=document.getElementById('shot'),canvas=document.createElement('canvas');
            canvas.width=image.naturalWidth;canvas.height=image.naturalHeight;var context=canvas.getContext('2d');
            context.drawImage(image,0,0);var data=context.getImageData(0,0,canvas.width,canvas.height).data;
            var colours=new Set(),nonWhite=0;for(var i=0;i<data.length;i+=4){var v=(data[i]<<16)|(data[i+1]<<8)|data[i+2];
            colours.add(v);if(v!==0xffffff)nonWhite++;}
            document.getElementById('stats').textContent=[canvas.width,canvas.height,colours.size,nonWhite].join(' ');}
            var shot=document.getElementById('shot');if(shot.complete)count();else shot.onload=count;
            </script></body></html>
            """
        try Data(html.utf8).write(to: page)
        let dom = try dumpDOM(page).stdout
        guard let start = dom.range(of: "<pre id=\"stats\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        let numbers = dom[start.upperBound..<end.lowerBound].split(separator: " ").compactMap { Int($0) }
        guard numbers.count == 4 else { throw CocoaError(.fileReadCorruptFile) }
        return (numbers[0], numbers[1], numbers[2], numbers[3])
    }
}
