/// A line chart drawn on the server as SVG: one line per series over the years, a y axis from 0 to the
/// largest value, each point with its value as a tooltip. Presentation attributes only (no inline
/// style, which the content security policy forbids).
struct LineChart {
    struct Series {
        var name: String
        /// The value in each year of the chart's `years`, `nil` where there is no report.
        var values: [Int?]
    }

    var title: String
    var years: [Int]
    var series: [Series]

    static let colors = ["#1f6fb2", "#2f9e44", "#d23b2f", "#e8890c", "#7048e8"]
    private let width = 560
    private let height = 260
    private let left = 64
    private let right = 16
    private let top = 16
    private let bottom = 40

    func render() -> HTML {
        let largest = max(1, series.flatMap { $0.values.compactMap { $0 } }.max() ?? 1)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let x = { (index: Int) in left + (years.count > 1 ? index * plotWidth / (years.count - 1) : plotWidth / 2) }
        let y = { (value: Int) in
            top + plotHeight - Int((Double(value) / Double(largest) * Double(plotHeight)).rounded())
        }
        let grid = (0...4).map { step -> HTML in
            let value = largest * step / 4
            return """
                <line x1="\(left)" y1="\(y(value))" x2="\(width - right)" y2="\(y(value))" stroke="#e1e4ea"/>\
                <text x="\(left - 6)" y="\(y(value) + 4)" text-anchor="end" font-size="11">\(value)</text>
                """
        }
        let labels = years.enumerated().map { index, year -> HTML in
            "<text x=\"\(x(index))\" y=\"\(height - bottom + 16)\" text-anchor=\"middle\" font-size=\"11\">\(year)</text>"
        }
        let lines = series.enumerated().map { number, series -> HTML in
            let color = Self.colors[number % Self.colors.count]
            let points = series.values.enumerated().compactMap { index, value in value.map { (index, $0) } }
            let path = points.map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " ")
            let dots = points.map { index, value -> HTML in
                """
                <circle cx="\(x(index))" cy="\(y(value))" r="3.5" fill="\(color)"><title>\(series.name) \
                \(years[index])年：\(value)</title></circle>
                """
            }
            let legendY = height - 8
            let legendX = left + number * (plotWidth / max(1, self.series.count))
            return """
                <polyline points="\(path)" fill="none" stroke="\(color)" stroke-width="2"/>\(dots)\
                <rect x="\(legendX)" y="\(legendY - 9)" width="10" height="10" fill="\(color)"/>\
                <text x="\(legendX + 14)" y="\(legendY)" font-size="11">\(series.name)</text>
                """
        }
        return """
            <figure><figcaption>\(title)</figcaption>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)" role="img" aria-label="\(title)">
            \(grid)\(labels)\(lines)
            </svg></figure>
            """
    }
}
