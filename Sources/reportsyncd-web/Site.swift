import Hummingbird
import Metrics
import OfficeExport
import ReportCore
import SyncEngine

/// The read-only site over a mirror and its state folder: reads the address, brings the index up to
/// date, renders the page. Every response carries `Content-Security-Policy: default-src 'self'`.
struct Site: HTTPResponder {
    typealias Context = BasicRequestContext

    let index: MirrorIndex
    let metrics: WebMetrics
    let parser = ReportParser(pdfText: PopplerPDFText())

    /// The largest original shown or served.
    static let originalLimit = 64 << 20

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.response(.methodNotAllowed, type: "text/plain; charset=utf-8", Array("GET only\n".utf8))
        }
        let address = SiteAddress(path: request.uri.path)
        let response: Response
        do {
            response = try await respond(to: address, query: request.uri.query)
        } catch {
            context.logger.error("cannot answer \(request.uri.path): \(error)")
            response = Self.response(.internalServerError, type: "text/plain; charset=utf-8", Array("\(error)\n".utf8))
        }
        metrics.count(address, status: response.status.code)
        return response
    }

    private func respond(to address: SiteAddress?, query: String?) async throws -> Response {
        let snapshot = try await index.refresh()
        switch address {
        case .overview:
            let filter = OverviewFilter(query: query)
            let waiting = metrics.waiting(in: index.state)
            let body =
                filter.isEmpty
                ? await index.page("overview-\(waiting.map(String.init) ?? "")") {
                    OverviewPage(snapshot: $0, filter: filter, waiting: waiting).render()
                }
                : ByteBuffer(bytes: OverviewPage(snapshot: snapshot, filter: filter, waiting: waiting).render())
            return Self.html(body)
        case .report(let year, let agency):
            let key = ReportKey(agency: agency, year: year)
            guard let event = snapshot.reports[key], let record = await index.record(key) else {
                return Self.notFound()
            }
            // Year over year: against the agency's own records (the neighbours a report is checked with).
            var neighbours: [Record] = []
            for other in snapshot.years where abs(other - year) == 1 {
                if let found = await index.record(ReportKey(agency: agency, year: other)) { neighbours.append(found) }
            }
            let crossYear = CrossYearFindings(records: neighbours + [record]).about(agency: agency, year: year)
            let page = ReportPage(
                record: record,
                event: event,
                sourceLines: sourceLines(of: event),
                crossYear: crossYear
            )
            return Self.html(page.render())
        case .agency(let agency):
            guard let history = snapshot.history[agency] else { return Self.notFound() }
            var records: [Record] = []
            for year in snapshot.years {
                if let record = await index.record(ReportKey(agency: agency, year: year)) { records.append(record) }
            }
            return Self.html(AgencyPage(agency: agency, records: records, history: history).render())
        case .rejected:
            return Self.html(await index.page("rejected") { RejectedPage(rejected: $0.rejected).render() })
        case .original(let seq):
            guard let event = snapshot.events[seq],
                let bytes = try index.state.originalContents(of: event, limit: Self.originalLimit)
            else { return Self.notFound() }
            var response = Self.response(.ok, type: "application/octet-stream", bytes)
            let name = index.state.retiredName(of: event).string
            response.headers[.contentDisposition] = "attachment; filename*=UTF-8''\(SiteAddress.percentEncoded(name))"
            return response
        case .export(let format):
            var response = Self.response(.ok, type: format.mediaType, try Export(mirror: index.mirror).bytes(format))
            response.headers[.contentDisposition] = "attachment; filename=reportsyncd-export.\(format.rawValue)"
            return response
        case .metrics:
            return Self.response(
                .ok,
                type: "text/plain; version=0.0.4; charset=utf-8",
                metrics.exposition(state: index.state)
            )
        case .health:
            return Self.response(.ok, type: "text/plain; charset=utf-8", Array("ok \(snapshot.lastSeq)\n".utf8))
        case .stylesheet:
            return Self.response(.ok, type: "text/css; charset=utf-8", Array(Stylesheet.css.utf8))
        case nil:
            return Self.notFound()
        }
    }

    /// The original's lines as the parser numbers them (`sourceLines`), empty when it is gone.
    private func sourceLines(of event: ChangeEvent) -> [Int: String] {
        guard let bytes = try? index.state.originalContents(of: event, limit: Self.originalLimit),
            case .success(let lines) = parser.lines(bytes)
        else { return [:] }
        return Dictionary(lines.map { ($0.number, $0.text) }, uniquingKeysWith: { first, _ in first })
    }

    static func html(_ body: [UInt8]) -> Response {
        html(ByteBuffer(bytes: body))
    }

    static func html(_ body: ByteBuffer) -> Response {
        response(.ok, type: "text/html; charset=utf-8", body)
    }

    static func notFound() -> Response {
        response(.notFound, type: "text/html; charset=utf-8", NotFoundPage.render())
    }

    static func response(_ status: HTTPResponse.Status, type: String, _ body: [UInt8]) -> Response {
        response(status, type: type, ByteBuffer(bytes: body))
    }

    static func response(_ status: HTTPResponse.Status, type: String, _ body: ByteBuffer) -> Response {
        let headers: HTTPFields = [
            .contentType: type,
            .contentSecurityPolicy: "default-src 'self'",
            .xContentTypeOptions: "nosniff",
            .cacheControl: "no-cache",
        ]
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: body))
    }
}

extension Export.Format {
    /// The media type of a download in this format.
    fileprivate var mediaType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .jsonl: "application/jsonl; charset=utf-8"
        }
    }
}
