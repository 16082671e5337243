package dev.briefing.render;

/**
 * The inline style sheet of briefing.html and index.html. Quotes of citations appear on hover
 * or keyboard focus through {@code :hover} and {@code :focus-within} (the page has no script),
 * and inline when printed.
 */
final class PageStyle {

    private PageStyle() {
    }

    static final String CSS = """
            :root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d5dae3; --accent: #1f5fbf;
              --new: #17803d; --developing: #b45309; --mark: #fff1a8; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--ink); background: #fff; line-height: 1.6;
              font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC",
                "Microsoft YaHei", "Noto Sans CJK TC", "PingFang TC", sans-serif; }
            main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; overflow-wrap: break-word; }
            table.actors th, table.actors td, .position, .cite .quote, .alert { overflow-wrap: anywhere; }
            h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
            h1 .day { color: var(--muted); font-weight: normal; }
            h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
            h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
            a { color: var(--accent); }
            code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em;
              overflow-wrap: anywhere; }
            .meta, .muted, .note { color: var(--muted); }
            .note { font-style: italic; }
            .alert { border: 1px solid #d97706; background: #fff7ed; padding: .75rem 1rem; border-radius: 6px; }
            .alert ul { margin: .25rem 0 0; }
            .badge { display: inline-block; font-size: .75rem; line-height: 1.4; padding: 0 .45em; border-radius: 999px;
              color: #fff; vertical-align: middle; }
            .badge.new { background: var(--new); }
            .badge.developing { background: var(--developing); }
            figure.timeline { margin: 0 0 1rem; overflow-x: auto; }
            svg.timeline { width: 100%; min-width: 40rem; height: auto; display: block; font-size: 12px; }
            svg.timeline .axis { stroke: var(--ink); stroke-width: 1.5; }
            svg.timeline .tick { stroke: var(--ink); }
            svg.timeline .stem { stroke: var(--line); stroke-width: 1; }
            svg.timeline .day { font-size: 11px; fill: var(--muted); }
            svg.timeline circle { fill: var(--accent); stroke: #fff; stroke-width: 1.5; }
            svg.timeline .mark.new circle { fill: var(--new); }
            svg.timeline .mark.developing circle { fill: var(--developing); }
            svg.timeline text { fill: var(--ink); }
            svg.timeline a:hover text, svg.timeline a:focus text { fill: var(--accent); text-decoration: underline; }
            ol.events { list-style: none; padding: 0; margin: 0; }
            li.event { border-left: 3px solid var(--line); padding: .25rem 0 .25rem .9rem; margin: 0 0 .9rem; }
            li.event.new { border-left-color: var(--new); }
            li.event.developing { border-left-color: var(--developing); }
            li.event p { margin: .1rem 0; }
            li.event:target, li.para:target { background: #eef4ff; }
            .when { font-variant-numeric: tabular-nums; color: var(--muted); }
            span.undated { font-style: italic; }
            .details, .continues { font-size: .92rem; color: var(--muted); }
            table.actors { border-collapse: collapse; width: 100%; font-size: .95rem; }
            table.actors th, table.actors td { text-align: left; vertical-align: top; padding: .4rem .5rem;
              border-bottom: 1px solid var(--line); }
            table.actors td.count { white-space: nowrap; }
            .positions { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: .75rem; }
            .position { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; }
            .position p { margin: .2rem 0; }
            .by { font-size: .85rem; }
            .cite { position: relative; white-space: nowrap; }
            .cite > a { font-size: .75em; vertical-align: super; text-decoration: none; padding: 0 .1em; }
            .cite > a:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
            .cite .quote { display: none; position: absolute; z-index: 10; left: 0; top: 1.6em; width: max-content;
              max-width: min(26rem, 80vw); white-space: normal; background: #fffdf3; color: var(--ink);
              border: 1px solid #e2c766; border-radius: 6px; padding: .5rem .7rem; font-size: .9rem; font-weight: normal;
              box-shadow: 0 4px 14px rgba(0, 0, 0, .15); }
            .cite:hover .quote, .cite:focus-within .quote { display: block; }
            .qsrc { display: block; margin-top: .25rem; color: var(--muted); font-size: .8rem; }
            article.source { border-top: 1px solid var(--line); padding-top: .25rem; }
            ol.paragraphs { list-style: none; padding: 0; }
            li.para { margin: 0 0 .75rem; padding: .25rem .5rem; border-radius: 4px; }
            li.para p { margin: .2rem 0; }
            .pnum { font-weight: bold; color: var(--muted); }
            .cited-by { font-size: .85rem; color: var(--muted); }
            mark { background: var(--mark); color: inherit; padding: 0 .05em; }
            blockquote { margin: .25rem 0 .25rem 1rem; }
            table.days { border-collapse: collapse; width: 100%; }
            table.days th, table.days td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
            table.days .n { text-align: right; font-variant-numeric: tabular-nums; }
            footer { margin-top: 2.5rem; font-size: .85rem; color: var(--muted); border-top: 1px solid var(--line); }
            @media print {
              main { max-width: none; padding: 0; }
              a { color: inherit; text-decoration: none; }
              .cite { white-space: normal; }
              .cite > a { vertical-align: baseline; font-size: .85em; }
              .cite .quote { display: inline; position: static; box-shadow: none; border: 0; background: none;
                padding: 0 .2em; font-size: .85em; color: var(--muted); max-width: none; width: auto; }
              .qsrc { display: inline; margin-left: .3em; }
              figure.timeline { overflow: visible; }
              svg.timeline { min-width: 0; }
              section, .position, li.event, li.para { break-inside: avoid; }
              .badge { border: 1px solid currentColor; color: var(--ink); background: none; }
            }
            """;
}
