import HTTPTypes
import Hummingbird
import NIOCore
import LegalCircleGIS
import Logging

/// An answer refused with a status and a reason, written as `{"error": reason}`.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var reason: String

    static func badRequest(_ reason: String) -> APIError { APIError(status: .badRequest, reason: reason) }
    static func notFound(_ reason: String) -> APIError { APIError(status: .notFound, reason: reason) }
}

/// Turns every failure into a JSON body with a reason: the router's own 404, refused parameters and
/// unexpected errors alike (Hummingbird's default 404 has no body).
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return JSONResponse.error(error.status, error.reason)
        } catch let error as HTTPError {
            let reason = error.body ?? (error.status == .notFound ? "no such path: \(request.uri.path)" : error.status.reasonPhrase)
            return JSONResponse.error(error.status, reason)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return JSONResponse.error(error.status, "the upload is larger than the service accepts (serve's upload limit)")
        } catch {
            context.logger.error("\(request.uri.path): \(error)")
            return JSONResponse.error(.internalServerError, "\(error)")
        }
    }
}

/// Responses with bodies already encoded.
enum JSONResponse {
    static func bytes(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, type: String = "application/json") -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok, type: String = "application/json") -> Response {
        bytes(Array(text.utf8), status: status, type: type)
    }

    static func error(_ status: HTTPResponse.Status, _ reason: String) -> Response {
        var json = JSONBytes(capacity: reason.utf8.count + 16)
        json.raw("{\"error\":")
        json.string(reason)
        json.raw("}\n")
        return bytes(json.bytes, status: status)
    }
}
