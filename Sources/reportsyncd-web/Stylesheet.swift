/// The site's only stylesheet, served at `/style.css` (the content security policy allows no inline
/// style). Chinese text asks for Noto Sans CJK SC, then WenQuanYi Micro Hei, Source Han Sans SC and
/// Microsoft YaHei, and falls back to the system's sans-serif font; nothing is fetched from elsewhere.
enum Stylesheet {
    static let css = """
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Source Han Sans SC", "Microsoft YaHei", \
        sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
        nav { background: #24324a; padding: .6em 1.2em; }
        nav a { color: #fff; margin-right: 1.4em; text-decoration: none; }
        main { padding: 1em 1.6em; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
        table { border-collapse: collapse; background: #fff; margin: .6em 0; }
        th, td { border: 1px solid #c9ced8; padding: .25em .5em; font-size: .9em; }
        th { background: #eef1f6; font-weight: 600; }
        tbody th { text-align: left; font-weight: normal; }
        td.value { text-align: right; font-variant-numeric: tabular-nums; }
        td.finding { background: #ffd9d6; outline: 2px solid #d23b2f; }
        td.warning { background: #fff1c2; }
        .badge { display: inline-block; padding: 0 .5em; border-radius: .6em; font-size: .85em; }
        .badge.valid { background: #d7f2dc; color: #1c6b2c; }
        .badge.inconsistent { background: #ffd9d6; color: #9c1d13; }
        .badge.missing { background: #e6e8ec; color: #5b6272; }
        .counts span { margin-right: 1.2em; }
        form.filter { margin: .8em 0; } form.filter input, form.filter select { font: inherit; }
        .finding-list li { margin-bottom: .8em; } .finding-list p.cells { margin: .2em 0; font-size: .9em; }
        pre.source { background: #fff; border: 1px solid #c9ced8; padding: .4em; overflow-x: auto; }
        pre.source b { background: #ffd9d6; font-weight: normal; }
        .charts { display: flex; flex-wrap: wrap; gap: 1em; }
        .charts figure { background: #fff; border: 1px solid #c9ced8; margin: 0; padding: .4em; }
        .muted { color: #5b6272; }

        """
}
