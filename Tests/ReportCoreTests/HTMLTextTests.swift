import Foundation
import Testing

@testable import ReportCore

@Suite struct HTMLTextTests {
    /// The CMS page fixture: chrome around the article, cells split over `<p>`/`<span>`, `&nbsp;`,
    /// rowspan and colspan, the title outside the article.
    static let cmsPage: String = {
        let url = Bundle.module.url(forResource: "cms-page", withExtension: "html", subdirectory: "Fixtures")!
        return try! String(contentsOf: url, encoding: .utf8)
    }()

    static let cmsPageLines = [
        "青山区人民政府2024年政府信息公开工作年度报告",
        "一、总体情况",
        "2024年，青山区人民政府坚持以公开为常态、不公开为例外。",
        "（一）依申请公开情况。",
        "全年共收到政府信息公开申请37件。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "规 章\t11\t24\t37",
        "行政规范性文件\t50\t\t76",
        "三、收到和处理政府信息公开申请情况",
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
        "自然人\t法人或其他组织\t总计",
        "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
        "一、本年新收政府信息公开申请数量\t12\t9\t1\t0\t2\t3\t27",
        "三、本年度办理结果\t（一）予以公开\t4\t5\t/\t—\t0\t1\t10",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t2\t1\t0\t0\t0\t0\t3",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
        "青山区人民政府",
        "2025年1月26日",
    ]

    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    private func lines(_ html: String) throws -> [String] {
        try HTMLText.extract(Array(html.utf8)).components(separatedBy: "\n")
    }

    @Test func cmsPageGivesTheArticleWithItsTitleFirst() throws {
        let lines = try lines(Self.cmsPage)
        #expect(lines == Self.cmsPageLines)
    }

    @Test(arguments: ["charset=gb2312", "charset=GBK", "charset=gb18030", "charset=none"])
    func gbEncodedPageGivesTheSameLines(declaration: String) throws {
        let page = Self.cmsPage.replacingOccurrences(of: "charset=utf-8", with: declaration)
        let bytes = Array(page.data(using: Self.gb18030)!)
        #expect(bytes != Array(page.utf8))
        let lines = try HTMLText.extract(bytes).components(separatedBy: "\n")
        #expect(lines == Self.cmsPageLines)
    }

    @Test func utf8ByteOrderMarkIsNotText() throws {
        let text = try HTMLText.extract([0xEF, 0xBB, 0xBF] + Array("<p>一、总体情况</p>".utf8))
        #expect(text == "一、总体情况")
    }

    @Test func pageWithoutTheSectionsFallsBackToTheBodyWithoutChrome() throws {
        let html = """
            <html><head><title>通知</title></head><body>
            <header>网站名称</header><nav><a>首页</a></nav>
            <div>第一段<b>加粗</b>  文字</div>text&nbsp;&nbsp;after<br>second line
            <ul><li>甲</li><li>乙</li></ul>
            <form><select><option>选项</option></select><p>搜索</p></form>
            <table><tr><td>a</td><td>b</td></tr></table>
            <script>ignored()</script><style>p {}</style><footer>版权所有</footer>
            </body></html>
            """
        #expect(try lines(html) == ["第一段加粗 文字", "text after", "second line", "甲", "乙", "a\tb"])
    }

    @Test func titleComesFromTheTitleElementWithoutTheSiteName() throws {
        let html = """
            <html><head><title>某局2023年政府信息公开工作年度报告 - 某市人民政府</title></head><body>
            <div class="content"><p>一、总体情况</p><table><tr><td>1</td></tr></table>
            <p>六、其他需要报告的事项</p></div><div>扫一扫在手机打开当前页</div></body></html>
            """
        #expect(try lines(html) == ["某局2023年政府信息公开工作年度报告", "一、总体情况", "1", "六、其他需要报告的事项"])
    }

    @Test func titleInsideTheArticleIsNotRepeated() throws {
        let html = """
            <body><div id="a"><h2>某局2023年政府信息公开工作年度报告</h2><p>一、总体情况</p>
            <table><tr><td>1</td></tr></table><p>六、其他需要报告的事项</p></div><p>页脚</p></body>
            """
        #expect(try lines(html) == ["某局2023年政府信息公开工作年度报告", "一、总体情况", "1", "六、其他需要报告的事项"])
    }

    @Test func layoutTableRowsReadAsParagraphsAndNestedTablesInDocumentOrder() throws {
        let html = """
            <body><table class="layout"><tr><td>左栏</td><td>
              <p>一、总体情况</p><p>正文</p>
              <table><tr><th>信息内容</th><th>件数</th></tr><tr><td>规章</td><td>11</td></tr></table>
              <p>六、其他需要报告的事项</p>
            </td></tr><tr><td>页脚</td><td>联系</td></tr></table></body>
            """
        #expect(
            try lines(html) == ["一、总体情况", "正文", "信息内容\t件数", "规章\t11", "六、其他需要报告的事项"]
        )
    }

    @Test func nestedTableInsideALayoutCellOfTheFallbackBody() throws {
        let html = """
            <body><table><tr><td>外</td><td><table><tr><td>内1</td><td>内2</td></tr></table>尾</td></tr>
            <tr><td>下</td><td>行</td></tr></table></body>
            """
        #expect(try lines(html) == ["外", "内1\t内2", "尾", "下\t行"])
    }

    @Test func tablesNestedBeyondTheLimitReadAsText() throws {
        // 60 levels stay within libxml2's nesting limit of 256 elements but far beyond ours.
        let html = Self.nested("<table><tr><td>", "</td></tr></table>", depth: 60, around: "最深处")
        #expect(try HTMLText.extract(Array(html.utf8)) == "最深处")
    }

    @Test func hostileNestingDoesNotExhaustTheStack() {
        // libxml2 stops building the tree at its nesting limit; what is left must read without trouble.
        for (open, close) in [("<table><tr><td>", "</td></tr></table>"), ("<div><span>", "</span></div>")] {
            let html = Self.nested(open, close, depth: 50_000, around: "文字")
            #expect(throws: Never.self) { try HTMLText.extract(Array(html.utf8)) }
        }
    }

    private static func nested(_ open: String, _ close: String, depth: Int, around text: String) -> String {
        String(repeating: open, count: depth) + text + String(repeating: close, count: depth)
    }

    @Test func concurrentExtractionsAgree() async throws {
        let bytes = Array(Self.cmsPage.utf8)
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { try HTMLText.extract(bytes) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == [String](repeating: Self.cmsPageLines.joined(separator: "\n"), count: 16))
    }

    @Test func emptyPageIsRefused() {
        let error = #expect(throws: NotAReport.self) { try HTMLText.extract([]) }
        #expect(error?.kind == .empty)
    }
}
