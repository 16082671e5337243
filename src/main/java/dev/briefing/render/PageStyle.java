package dev.briefing.render;

/**
 * The inline style sheet of briefing.html and index.html. Quotes of citations and the labels
 * of a compact timeline appear on hover or keyboard focus through {@code :hover} and
 * {@code :focus} (the page has no script), and quotes inline when printed.
 *
 * <p>Chinese names must not break inside: table cells use {@code word-break: keep-all} (a CJK
 * run breaks only where Latin text would, at spaces and punctuation) and a minimum width,
 * never {@code overflow-wrap: anywhere}, whose min-content width of one character let a
 * table squeeze 乌克兰 into one character per line. Colours are variables, dark by
 * {@code prefers-color-scheme}, light again in print. Below 40rem the timeline is one
 * column and the actors table a list of cards, so a phone never scrolls sideways.
 */
final class PageStyle {

    private PageStyle() {
    }

    static final String CSS = """
            :root { color-scheme: light dark; --bg: #fff; --ink: #1d2330; --muted: #5b6475; --line: #d5dae3;
              --accent: #1f5fbf; --new: #17803d; --developing: #b45309; --badge-ink: #fff; --mark: #fff1a8;
              --alert-bg: #fff7ed; --alert-line: #d97706; --target: #eef4ff; --tip-bg: #fffdf3; --tip-line: #e2c766; }
            @media (prefers-color-scheme: dark) {
              :root { --bg: #15181e; --ink: #e4e7ec; --muted: #9ba4b4; --line: #363c48; --accent: #82adff;
                --new: #4cc27a; --developing: #f0a04b; --badge-ink: #0d1014; --mark: #5c4d0a; --alert-bg: #2b2114;
                --alert-line: #b7791f; --target: #1c2940; --tip-bg: #23272f; --tip-line: #7a6a2e; }
            }
            * { box-sizing: border-box; }
            html { background: var(--bg); }
            body { margin: 0; color: var(--ink); background: var(--bg); line-height: 1.6;
              font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC",
                "Microsoft YaHei", "Noto Sans CJK TC", "PingFang TC", sans-serif; }
            :lang(zh-Hant) { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK TC", "Noto Sans TC",
                "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK SC", sans-serif; }
            main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; overflow-wrap: break-word; }
            h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
            h1 .day { color: var(--muted); font-weight: normal; white-space: nowrap; }
            h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
            h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
            a { color: var(--accent); }
            a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
            code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em;
              overflow-wrap: anywhere; }
            .crumbs { margin: 0 0 .5rem; font-size: .9rem; }
            .meta, .muted, .note { color: var(--muted); }
            .note { font-style: italic; }
            time, .when, .n { font-variant-numeric: tabular-nums; }
            .alert { border: 1px solid var(--alert-line); background: var(--alert-bg); padding: .75rem 1rem;
              border-radius: 6px; }
            .alert ul { margin: .25rem 0 0; }
            details.tech { margin: .4rem 0 0; }
            details.tech > summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
            details.tech ul { font-size: .9rem; color: var(--muted); }
            .badge { display: inline-block; font-size: .75rem; line-height: 1.4; padding: 0 .45em; border-radius: 999px;
              color: var(--badge-ink); vertical-align: middle; white-space: nowrap; }
            .badge.new { background: var(--new); }
            .badge.developing { background: var(--developing); }
            figure.timeline { margin: 0 0 1.25rem; }
            ol.tl { list-style: none; margin: 0 0 1rem; padding: 0; display: flex; flex-wrap: wrap; gap: .6rem .9rem; }
            .tl-day { flex: 1 1 11rem; max-width: 100%; min-width: 0; border-top: 3px solid var(--line);
              padding: .25rem 0 0; position: relative; }
            .tl-date { margin: 0; font-size: .85rem; color: var(--muted); white-space: nowrap; }
            .tl-date time { font-weight: bold; color: var(--ink); }
            .tl-gap { font-size: .8rem; }
            .tl-count { display: none; }
            ol.tl.compact .tl-count { display: inline; font-size: .8rem; }
            ol.tl.compact .tl-count::before { content: "· "; }
            ul.tl-events { list-style: none; margin: .15rem 0 0; padding: 0; }
            .tl-ev a { display: flex; align-items: flex-start; gap: .45rem; padding: .1rem 0; color: var(--ink);
              text-decoration: none; line-height: 1.4; font-size: .92rem; border-radius: 4px; }
            .tl-dot { flex: none; width: .7rem; height: .7rem; margin-top: .33em; border-radius: 50%;
              background: var(--accent); }
            .tl-ev.new .tl-dot { background: var(--new); }
            .tl-ev.developing .tl-dot { background: var(--developing); }
            .tl-label { min-width: 0; word-break: keep-all; overflow-wrap: break-word; }
            .tl-badge { font-size: .78rem; color: var(--muted); }
            .tl-ev a:hover .tl-label, .tl-ev a:focus .tl-label { color: var(--accent); text-decoration: underline; }
            ol.tl.compact ul.tl-events { display: flex; flex-wrap: wrap; gap: .15rem; }
            ol.tl.compact .tl-ev a { padding: .2rem; }
            ol.tl.compact .tl-dot { margin: 0; }
            ol.tl.compact .tl-label { display: none; position: absolute; z-index: 10; left: 0; right: 0;
              top: calc(100% + .2rem); min-width: 11rem; background: var(--tip-bg); color: var(--ink);
              border: 1px solid var(--tip-line); border-radius: 6px; padding: .4rem .6rem; font-size: .88rem;
              box-shadow: 0 4px 14px rgba(0, 0, 0, .2); text-decoration: none; }
            ol.tl.compact .tl-ev a:hover .tl-label, ol.tl.compact .tl-ev a:focus .tl-label { display: block;
              color: var(--ink); text-decoration: none; }
            ol.tl.compact .tl-ev a:hover, ol.tl.compact .tl-ev a:focus { outline: 2px solid var(--accent); }
            ol.events { list-style: none; padding: 0; margin: 0; }
            li.event { border-left: 3px solid var(--line); padding: .25rem 0 .25rem .9rem; margin: 0 0 .9rem; }
            li.event.new { border-left-color: var(--new); }
            li.event.developing { border-left-color: var(--developing); }
            li.event p { margin: .1rem 0; }
            li.event:target, li.para:target { background: var(--target); }
            .when { color: var(--muted); }
            span.undated { font-style: italic; }
            .details, .continues { font-size: .92rem; color: var(--muted); }
            table.actors { border-collapse: collapse; width: 100%; font-size: .95rem; }
            table.actors th, table.actors td { text-align: left; vertical-align: top; padding: .4rem .5rem;
              border-bottom: 1px solid var(--line); }
            table.actors .name { word-break: keep-all; overflow-wrap: break-word; min-width: 7em; }
            table.actors .name .muted { font-weight: normal; font-size: .88rem; }
            table.actors td.type, table.actors td.count, table.actors td.cites { white-space: nowrap; }
            .ref { white-space: nowrap; }
            .positions { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(14rem, 100%), 1fr));
              gap: .75rem; }
            .position { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
            .position p { margin: .2rem 0; }
            .by { font-size: .85rem; }
            .cite { position: relative; white-space: nowrap; }
            .cite > a { font-size: .75em; vertical-align: super; text-decoration: none; padding: 0 .1em; }
            .cite > a:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
            .cite .quote { display: none; position: absolute; z-index: 10; left: 0; top: 1.6em; width: max-content;
              max-width: min(26rem, 80vw); white-space: normal; background: var(--tip-bg); color: var(--ink);
              border: 1px solid var(--tip-line); border-radius: 6px; padding: .5rem .7rem; font-size: .9rem;
              font-weight: normal; box-shadow: 0 4px 14px rgba(0, 0, 0, .15); }
            .cite:hover .quote, .cite:focus-within .quote { display: block; }
            .gloss { display: block; margin-top: .2rem; font-size: .85rem; color: var(--muted); }
            .gloss .tr { font-size: .75rem; border: 1px solid currentColor; border-radius: 3px; padding: 0 .25em;
              margin-right: .3em; }
            .qsrc { display: block; margin-top: .25rem; color: var(--muted); font-size: .8rem; }
            article.source { border-top: 1px solid var(--line); padding-top: .25rem; }
            article.source h3 .ref { color: var(--muted); font-weight: normal; margin-right: .4em; }
            ol.paragraphs { list-style: none; padding: 0; }
            li.para { margin: 0 0 .75rem; padding: .25rem .5rem; border-radius: 4px; }
            li.para p { margin: .2rem 0; }
            .pnum { font-weight: bold; color: var(--muted); }
            .cited-by { font-size: .85rem; color: var(--muted); }
            mark { background: var(--mark); color: inherit; padding: 0 .05em; }
            blockquote { margin: .25rem 0 .25rem 1rem; }
            ol.days { list-style: none; margin: 0; padding: 0; }
            ol.days > li { padding: .6rem 0 .7rem; border-bottom: 1px solid var(--line); }
            ol.days .dayline { margin: 0; display: flex; flex-wrap: wrap; gap: .2rem .8rem; align-items: baseline; }
            ol.days .dayline a { font-weight: bold; font-size: 1.05rem; }
            ol.days .headline { margin: .15rem 0 0; }
            ol.days .counts { color: var(--muted); font-size: .9rem; }
            footer { margin-top: 2.5rem; font-size: .85rem; color: var(--muted); border-top: 1px solid var(--line); }
            @media (max-width: 40rem) {
              main { padding: 1rem .8rem 2rem; }
              h1 { font-size: 1.4rem; }
              ol.tl { display: block; border-left: 2px solid var(--line); margin-left: .3rem; padding-left: .9rem; }
              .tl-day { border-top: 0; padding: 0 0 .6rem; }
              .tl-day::before { content: ""; position: absolute; left: -1.3rem; top: .45rem; width: .7rem;
                height: .7rem; border-radius: 50%; background: var(--bg); border: 2px solid var(--muted); }
              ol.tl.compact .tl-label { min-width: 0; }
              table.actors, table.actors tbody, table.actors tr, table.actors th, table.actors td { display: block; }
              table.actors thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
              table.actors tr { border-bottom: 1px solid var(--line); padding: .4rem 0; }
              table.actors th, table.actors td { border: 0; padding: .05rem 0; }
              table.actors td[data-label]::before { content: attr(data-label); color: var(--muted); }
              table.actors td.type, table.actors td.count { display: inline-block; margin-right: 1.2em; }
            }
            @media print {
              :root { color-scheme: light; --bg: #fff; --ink: #000; --muted: #444; --line: #bbb; --accent: #000;
                --mark: #eee; --tip-bg: #fff; }
              main { max-width: none; padding: 0; }
              a { color: inherit; text-decoration: none; }
              .cite { white-space: normal; }
              .cite > a { vertical-align: baseline; font-size: .85em; }
              .cite .quote { display: inline; position: static; box-shadow: none; border: 0; background: none;
                padding: 0 .2em; font-size: .85em; color: var(--muted); max-width: none; width: auto; }
              .qsrc { display: inline; margin: 0; font-size: inherit; }
              .gloss { display: inline; }
              ol.tl.compact .tl-label { display: none !important; }
              section, .position, li.event, li.para, .tl-day { break-inside: avoid; }
              .badge { border: 1px solid currentColor; color: var(--ink); background: none; }
              details.tech:not([open]) { display: none; }
            }
            """;
}
