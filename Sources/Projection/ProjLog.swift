import CProj

/// Collects PROJ's log messages for one context: for an unknown CRS `proj_context_errno_string` says
/// only "Unknown error"; the useful text arrives through the callback set with `proj_log_func`.
///
/// Not `Sendable`: PROJ calls it on the thread using the context, and a context stays on one thread.
/// The context holds it unretained, so its owner keeps it alive as long as the context.
final class ProjLog {
    private var messages: [String] = []

    /// Logs errors only (`proj_log_level`) and sends them to this collector (`proj_log_func`).
    func install(on context: OpaquePointer) {
        proj_log_level(context, PJ_LOG_ERROR)
        proj_log_func(context, Unmanaged.passUnretained(self).toOpaque()) { data, _, text in
            guard let data, let text else { return }
            Unmanaged<ProjLog>.fromOpaque(data).takeUnretainedValue().messages.append(String(cString: text))
        }
    }

    /// The messages logged since the last call, oldest first.
    func drain() -> [String] {
        defer { messages.removeAll() }
        return messages
    }
}
