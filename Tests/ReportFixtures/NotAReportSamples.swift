/// Files that arrive beside the reports and look like them, but are not one: each must be refused
/// (no record), however lenient the reading of real reports becomes.
public enum NotAReportSample: String, Sendable, CaseIterable {
    /// A 政府信息公开指南: the same office, the same words (申请, 行政复议, 年度报告), numbered
    /// sections, dates and numbers, but none of the report's sections or tables.
    case disclosureGuide
    /// Minutes of the meeting that planned the report: every section heading and several row labels
    /// named inside sentences, counts of people and dates, no table.
    case meetingMinutes
    /// The blank template as offices download it: title with placeholders, the six headings, the
    /// three tables' headers and labels, and not one number.
    case blankTemplate
    /// A report cut off in the middle of table 3 (a download that stopped), as tab-separated text.
    case truncatedTSV
    /// The same cut in `pdftotext -layout` text.
    case truncatedSpaced

    /// The file's text.
    public var text: String {
        switch self {
        case .disclosureGuide: Self.guide
        case .meetingMinutes: Self.minutes
        case .blankTemplate: Self.blankTemplateText
        case .truncatedTSV: Self.truncated(SampleReport.distinct().render(.tsv))
        case .truncatedSpaced: Self.truncated(AlignedText.document(.distinct(), habit: .plain))
        }
    }

    /// `text` up to the middle of table 3's 6.属于四类过程性信息 row.
    private static func truncated(_ text: String) -> String {
        let row = text.range(of: "6.属于四类过程性信息")!
        let value = String(SampleReport.distinct().requests[9][2])
        let cut = text.range(of: value, range: row.upperBound..<text.endIndex)!
        return String(text[..<cut.lowerBound])
    }

    private static let guide = """
        青山区人民政府政府信息公开指南
        为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。
        一、主动公开
        （一）公开范围
        本机关主动公开的政府信息包括机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名，行政规范性文件，行政许可、行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定，行政事业性收费项目及其依据、标准等。
        （二）公开方式
        主要通过青山区人民政府门户网站“政府信息公开”专栏公开，同时通过政府公报、新闻发布会以及报刊、广播、电视等途径予以公开。
        （三）公开时限
        属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。
        二、依申请公开
        （一）受理机构
        名称：青山区人民政府办公室
        办公地址：青山区人民路1号
        办公时间：上午8:30-12:00，下午14:30-17:30（法定节假日除外）
        联系电话：0471-6600123
        （二）申请方式
        1.网络申请：登录门户网站“依申请公开”栏目在线填写申请表。
        2.信函申请：填写《政府信息公开申请表》后邮寄至受理机构，请在信封左下角注明“政府信息公开申请”字样。
        3.当面申请：到受理机构现场填写申请表。
        （三）处理程序
        1.能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，延长的期限最长不超过20个工作日。
        2.申请内容不明确的，自收到申请之日起7个工作日内一次性告知申请人作出补正。
        3.申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，向申请人提供可以公开的政府信息内容。
        （四）收费标准
        本机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费。
        三、监督和救济
        公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向青山区政务公开办公室投诉、举报，也可以依法申请行政复议或者提起行政诉讼。
        四、政府信息公开工作年度报告
        本机关于每年1月31日前在门户网站公布本机关上一年度政府信息公开工作年度报告。
        青山区人民政府办公室
        2024年3月1日

        """

    private static let minutes = """
        关于2024年政府信息公开工作年度报告编制工作的会议纪要
        2025年1月10日上午，区政府办公室在3楼会议室召开政府信息公开工作年度报告编制工作会议，区政务公开办公室、各街道和区直各部门政务公开工作负责人共32人参加会议。
        会议传达了《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）的要求，对年度报告编制工作作出部署。
        会议要求：
        一、总体情况部分要全面反映主动公开、依申请公开、政府信息管理、平台建设、监督保障五个方面的工作。
        二、主动公开政府信息情况、三、收到和处理政府信息公开申请情况、四、政府信息公开行政复议、行政诉讼情况三部分的数据须与台账逐项核对，本年新收政府信息公开申请数量、上年结转政府信息公开申请数量、结转下年度继续办理的数量要前后衔接，确保第一项加第二项之和等于第三项加第四项之和。
        五、存在的主要问题及改进情况要具体，不得照搬上年内容。
        六、其他需要报告的事项应说明收取信息处理费情况。
        会议明确，各单位于1月20日前将年度报告初稿报区政务公开办公室审核，1月31日前在门户网站“政府信息公开年报”栏目发布。
        出席：王某某、李某某、张某某等32人
        青山区人民政府办公室
        2025年1月10日

        """

    /// The template with every cell empty: the tables as the model draws them, the sections holding
    /// the template's own instructions.
    private static var blankTemplateText: String {
        var template = SampleReport.distinct()
        template.publishedOn = nil
        for index in 0..<10 { template.blankMarkers[.active(index)] = "" }
        for row in 0..<25 {
            for column in 0..<7 { template.blankMarkers[.request(row: row, column: column)] = "" }
        }
        for index in 0..<15 { template.blankMarkers[.review(index)] = "" }
        template.overview = ["（本部分内容包括：主动公开、依申请公开、政府信息管理、平台建设、监督保障等方面情况。）"]
        template.problems = ["（本部分内容包括：政府信息公开工作存在的主要问题及改进情况，上一年度问题的改进情况。）"]
        template.other = ["（本部分内容包括：收取信息处理费情况，落实上年度政务公开工作要点情况，人大代表建议和政协提案办理结果公开情况。）"]
        let pieces = template.pieces.compactMap { piece -> ReportPiece? in
            switch piece {
            case .title: .title("××县（区）人民政府20××年政府信息公开工作年度报告")
            case .signature: nil
            default: piece
            }
        }
        return SampleReport.tsv(pieces)
    }
}
