/*
 * The live page of indicator-service (live.html?run=ID[&parent=ID]).
 *
 * A run's charts grow by one quarter whenever indicator-service closes a tick: the stored quarters come
 * from GET /api/runs/{id}/indicators, then GET /api/runs/{id}/stream (server-sent events) names each tick
 * that closes and its indicators are fetched the same way. Three layers per line, one colour per indicator:
 *   main   the run (solid),
 *   parent another run drawn dashed: ?parent=ID, the "compare with" picker, or liveCharts.setParent(id);
 *          a fork (its run has parentRunId) is drawn against its parent by default,
 *   band   a shaded lower–upper range: liveCharts.setBand({...}) (an experiment's confidence band).
 * window.liveCharts exposes the state and what each chart has drawn (contract in docs/live.md).
 */
(function () {
    'use strict';

    /** Okabe-Ito colours, as report.html (SeriesReport): distinguishable with the common colour-vision deficiencies. */
    const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
    const REGIME_MARKETS = [['lab', 'Labour'], ['fin', 'Finance'], ['tech', 'Technology']];
    const REGIME_CAPTION = 'AI screening raises the disguise cost C above the gain P: pooling markets turn separating';

    /**
     * The charts, in the order of the paper's argument; titles, sections and captions as report.html.
     * A line's key is a national indicator of the catalogue, or "market.M.regime=C": the share of the 31
     * regions whose market M is in regime C that quarter (0 pooling failure: no trade, 1 pooling with trade),
     * counted from the regional indicator market.M.regime.
     */
    const CHARTS = [
        {id: 'stages', title: 'Adoption stages', sections: 'A6, E3.7',
            expect: 'adoption follows an S-shaped (Bass) curve; firms move manual → digitalised → networked → intelligent',
            lines: [['stage.manual', 'manual'], ['stage.digitalised', 'digitalised'], ['stage.networked', 'networked'],
                ['stage.intelligent', 'intelligent']]},
        {id: 'tfp', title: 'Measured and true TFP', sections: 'A3, C',
            expect: 'intangible investment makes measured TFP lag true TFP after adoption, then overtake it',
            lines: [['tfp.measured', 'measured'], ['tfp.true', 'true']]},
        {id: 'labour', title: 'Labour market', sections: 'A2, B4',
            expect: 'upgrading raises the high-skill share; matching lowers unemployment',
            lines: [['labour.unemployment', 'unemployment'], ['labour.highSkillShare', 'high-skill share'],
                ['labour.share', 'labour share of value added']]},
        {id: 'skill', title: 'Skill premium', sections: 'A2, E3.4',
            expect: 'the skill premium rises with AI capital (capital–skill complementarity)',
            lines: [['labour.skillPremium', 'skill premium']]},
    ].concat(REGIME_MARKETS.map(([m, name]) => ({
        id: 'regimes-' + m, title: name + ' market regimes', sections: 'B3', expect: REGIME_CAPTION,
        lines: [['market.' + m + '.separating', 'separating'], ['market.' + m + '.regime=1', 'pooling, trade'],
            ['market.' + m + '.regime=0', 'pooling, no trade']]
    }))).concat([
        {id: 'coordination', title: 'Four subsystems and coordination', sections: 'B5',
            expect: 'real economy, innovation, finance and human resources move together: D rises',
            lines: [['coordination.realEconomy', 'U real economy'], ['coordination.technology', 'U technology'],
                ['coordination.finance', 'U finance'], ['coordination.humanResources', 'U human resources'],
                ['coordination.degree', 'D coordination degree']]}
    ]);

    const REGION_KEYS = REGIME_MARKETS.map(([m]) => 'market.' + m + '.regime');
    const NATIONAL_KEYS = [...new Set(CHARTS.flatMap(c => c.lines.map(l => l[0])).filter(k => !k.includes('=')))];
    const REGIONS = 31;

    /** Tick → quarter label, as TickIndicators.quarter: tick 1 is 2020Q1. */
    function quarterOf(tick) {
        const q = tick - 1;
        return (2020 + Math.floor(q / 4)) + 'Q' + (((q % 4) + 4) % 4 + 1);
    }

    // ------------------------------------------------------------------------------------ data

    class HttpError extends Error {
        constructor(status, body, url) {
            super((body && body.error) || ('HTTP ' + status + ' for ' + url));
            this.status = status;
        }
    }

    async function getJson(url) {
        const resp = await fetch(url, {headers: {Accept: 'application/json'}});
        let body = null;
        try {
            body = await resp.json();
        } catch (e) {
            body = null;
        }
        if (!resp.ok) {
            throw new HttpError(resp.status, body, url);
        }
        return body;
    }

    /**
     * One run, loaded and followed: its quarters in tick order and every chart key's value per quarter
     * (null where undefined). A data source of the charts: {ticks[], quarters[], values{key: []}}.
     */
    class Track {
        constructor(id, onChange) {
            this.id = id;
            this.onChange = onChange;
            this.run = null;          // GET /api/runs/{id}
            this.status = null;
            this.ticks = [];
            this.quarters = [];
            this.values = {};
            this.wanted = 0;          // the highest tick the stream has announced
            this.loading = null;     // the loader at work (want)
            this.source = null;       // the EventSource
            this.closed = false;      // close() was called: no stream any more
            this.connected = false;
            this.error = null;
        }

        get lastTick() {
            return this.ticks.length ? this.ticks[this.ticks.length - 1] : 0;
        }

        /** Loads the run and its stored quarters, then follows the stream until the run ends. */
        async start() {
            const base = '/api/runs/' + encodeURIComponent(this.id);
            this.run = await getJson(base);
            this.status = this.run.status;
            await this.load(this.run.lastTick);
            this.follow(base);
        }

        follow(base) {
            if (this.run.status !== 'RUNNING' || this.closed) {
                return;
            }
            const es = new EventSource(base + '/stream');
            this.source = es;
            es.onopen = () => {
                this.connected = true;
                this.onChange(this);
            };
            es.onmessage = ev => {
                const el = JSON.parse(ev.data);
                if (el.status !== 'RUNNING') {
                    // the run ended: the final element, then the server completes the stream
                    es.close();
                    this.connected = false;
                    this.status = el.status;
                    this.want(el.tick).then(() => this.refreshRun());
                } else {
                    this.want(el.tick);
                }
            };
            es.onerror = () => {
                // EventSource reconnects by itself; the stream replays the stored quarters, which are skipped
                this.connected = false;
                this.onChange(this);
            };
        }

        async refreshRun() {
            try {
                this.run = await getJson('/api/runs/' + encodeURIComponent(this.id));
                this.status = this.run.status;
            } catch (e) {
                this.error = e.message;
            }
            this.onChange(this);
        }

        /**
         * The stream announced {@code tick}: fetch every quarter up to it that is not loaded yet, in order, by
         * one loader at a time. The loader is forgotten in a then-callback, which runs after it is stored even
         * when the loader finishes at once.
         */
        want(tick) {
            this.wanted = Math.max(this.wanted, tick || 0);
            if (!this.loading) {
                const loader = this.drain().finally(() => {
                    if (this.loading === loader) {
                        this.loading = null;
                    }
                });
                this.loading = loader;
            }
            return this.loading;
        }

        async drain() {
            try {
                while (this.lastTick < this.wanted) {
                    const before = this.lastTick;
                    await this.load(this.wanted);
                    if (this.lastTick === before) {
                        break; // not stored yet; the next element asks again
                    }
                }
            } catch (e) {
                this.error = e.message;
                this.onChange(this);
            }
        }

        /** Fetches ticks lastTick+1 … to (national chart keys and the regions' regimes) and appends them. */
        async load(to) {
            const from = this.lastTick + 1;
            if (to < from) {
                return;
            }
            const base = '/api/runs/' + encodeURIComponent(this.id) + '/indicators?from=' + from + '&to=' + to;
            const [national, regional] = await Promise.all([
                getJson(base + '&key=' + NATIONAL_KEYS.join(',')),
                getJson(base + '&scope=region&key=' + REGION_KEYS.join(','))]);
            const counts = new Map(); // tick -> {key=code: regions}
            for (const row of regional) {
                let c = counts.get(row.tick);
                if (!c) {
                    c = {};
                    counts.set(row.tick, c);
                }
                for (const k of REGION_KEYS) {
                    const v = row.values[k];
                    if (v !== null && v !== undefined) {
                        c[k + '=' + v] = (c[k + '=' + v] || 0) + 1;
                    }
                }
            }
            for (const row of national) {
                if (row.tick <= this.lastTick) {
                    continue;
                }
                this.ticks.push(row.tick);
                this.quarters.push(row.quarter);
                for (const k of NATIONAL_KEYS) {
                    this.column(k).push(row.values[k] === undefined ? null : row.values[k]);
                }
                const c = counts.get(row.tick) || {};
                for (const k of REGION_KEYS) {
                    for (const code of [0, 1]) {
                        this.column(k + '=' + code).push((c[k + '=' + code] || 0) / REGIONS);
                    }
                }
            }
            this.onChange(this);
        }

        column(key) {
            return this.values[key] || (this.values[key] = []);
        }

        close() {
            this.closed = true;
            if (this.source) {
                this.source.close();
            }
            this.connected = false;
        }

        describe() {
            return {
                id: this.id, status: this.status, lastTick: this.lastTick,
                quarter: this.quarters.length ? this.quarters[this.quarters.length - 1] : null,
                ticks: this.run ? this.run.ticks : null, scenario: this.run ? this.run.scenario : null,
                seed: this.run ? this.run.seed : null, firms: this.run ? this.run.firms : null,
                parentRunId: this.run ? this.run.parentRunId || null : null,
                forkTick: this.run ? this.run.forkTick || null : null,
                streaming: this.connected, error: this.error
            };
        }
    }

    // ------------------------------------------------------------------------------------ charts

    function fmt(v) {
        if (v === null || v === undefined || Number.isNaN(v)) {
            return '–';
        }
        const a = Math.abs(v);
        if (a !== 0 && (a < 1e-3 || a >= 1e5)) {
            return v.toExponential(2);
        }
        return v.toPrecision(3).replace(/\.?0+$/, '').replace(/\.$/, '') || '0';
    }

    function alpha(hex, a) {
        const n = parseInt(hex.slice(1), 16);
        return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + a + ')';
    }

    /** Values of a source for the ticks {@code x}, null where the source has no such tick. */
    function align(x, ticks, values) {
        const at = new Map();
        ticks.forEach((t, i) => at.set(t, i));
        return x.map(t => at.has(t) && values ? values[at.get(t)] : null);
    }

    class Chart {
        constructor(spec, catalogue, parent) {
            this.spec = spec;
            this.lines = spec.lines.map(([key, label], i) => {
                const info = catalogue[key] || catalogue[key.split('=')[0].replace(/\.regime$/, '.separating')] || {};
                return {key, label, colour: COLOURS[i % COLOURS.length], unit: info.unit || '',
                    description: key.includes('=') ? 'share of the 31 regions with ' + key : (info.description || '')};
            });
            const units = [...new Set(this.lines.map(l => l.unit).filter(u => u))];
            this.unit = units.join(' · ');
            const fig = document.createElement('figure');
            fig.id = 'chart-' + spec.id;
            fig.innerHTML = '<figcaption><b></b><span class="expect"></span><span class="unit"></span></figcaption>'
                + '<div class="plot"></div><div class="legend"></div>';
            fig.querySelector('b').textContent = spec.title + ' (' + spec.sections + ')';
            fig.querySelector('.expect').textContent = spec.expect;
            fig.querySelector('.unit').textContent = units.length > 1
                ? 'units: ' + units.map(u => u + ' (' + this.lines.filter(l => l.unit === u).map(l => l.label).join(', ')
                    + ')').join('; ')
                : 'unit: ' + this.unit;
            // the y axis names the unit where there is one short enough for it; the caption always does
            this.axisLabel = units.length === 1 && this.unit.length <= 32 ? this.unit : '';
            parent.appendChild(fig);
            this.fig = fig;
            this.plotEl = fig.querySelector('.plot');
            this.legendEl = fig.querySelector('.legend');
            this.plot = null;
            this.layout = null;
            this.data = null;
            this.x = [];
            this.quarters = [];
            this.view = [];
        }

        /**
         * Draws the layers: x is every tick of main, parent and band; each line has its main series, and its
         * parent series and band (lower, upper) where those are given.
         */
        update(main, parent, band, horizon) {
            const tickSet = new Set(main ? main.ticks : []);
            (parent ? parent.ticks : []).forEach(t => tickSet.add(t));
            (band ? band.ticks : []).forEach(t => tickSet.add(t));
            const x = [...tickSet].sort((a, b) => a - b);
            const quarters = new Map();
            for (const src of [band, parent, main]) {
                if (src && src.quarters) {
                    src.ticks.forEach((t, i) => quarters.set(t, src.quarters[i]));
                }
            }
            this.quarters = x.map(t => quarters.get(t) || quarterOf(t));
            this.x = x;
            this.horizon = Math.max(horizon || 0, x.length ? x[x.length - 1] : 0, 2);
            // a fork's first tick, marked by a vertical line (its ticks before it are the parent's)
            this.forkTick = main && main.run && main.run.forkTick ? main.run.forkTick : null;
            this.view = this.lines.map(l => ({
                key: l.key, label: l.label, unit: l.unit, colour: l.colour,
                main: main ? align(x, main.ticks, main.values[l.key]) : null,
                parent: parent ? align(x, parent.ticks, parent.values[l.key]) : null,
                lower: band && band.lower[l.key] ? align(x, band.ticks, band.lower[l.key]) : null,
                upper: band && band.upper[l.key] ? align(x, band.ticks, band.upper[l.key]) : null
            }));
            const series = [{}];
            const data = [x];
            const bands = [];
            const layout = [];
            for (const v of this.view) {
                if (v.lower && v.upper) {
                    series.push({label: v.label + ' upper', stroke: alpha(v.colour, 0.45), width: 0.5, points: {show: false}});
                    data.push(v.upper);
                    series.push({label: v.label + ' lower', stroke: alpha(v.colour, 0.45), width: 0.5, points: {show: false}});
                    data.push(v.lower);
                    bands.push({series: [series.length - 2, series.length - 1], fill: alpha(v.colour, 0.15)});
                    layout.push(v.key + ':band');
                }
                if (v.parent) {
                    series.push({label: v.label + ' (compared run)', stroke: v.colour, width: 1.5, dash: [6, 4],
                        points: {show: false}});
                    data.push(v.parent);
                    layout.push(v.key + ':parent');
                }
                if (v.main) {
                    series.push({label: v.label, stroke: v.colour, width: 2});
                    data.push(v.main);
                    layout.push(v.key + ':main');
                }
            }
            this.data = data;
            const signature = layout.join('|') + '#' + this.horizon + '#' + this.forkTick;
            const width = Math.max(300, this.plotEl.clientWidth || this.fig.clientWidth - 16);
            if (!this.plot || signature !== this.layout) {
                if (this.plot) {
                    this.plot.destroy();
                }
                this.layout = signature;
                this.plot = new uPlot(this.options(series, bands, width), data, this.plotEl);
            } else {
                this.plot.setData(data);
            }
            this.legend(null);
        }

        /** A dotted vertical line at the fork tick, labelled "fork". */
        drawForkMark(u) {
            if (!this.forkTick) {
                return;
            }
            const px = Math.round(u.valToPos(this.forkTick, 'x', true));
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = '#555';
            ctx.setLineDash([2, 3]);
            ctx.lineWidth = 1;
            ctx.beginPath();
            ctx.moveTo(px, u.bbox.top);
            ctx.lineTo(px, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillStyle = '#555';
            ctx.font = (11 * devicePixelRatio) + 'px system-ui, sans-serif';
            ctx.fillText('fork', px + 3, u.bbox.top + 12 * devicePixelRatio);
            ctx.restore();
        }

        options(series, bands, width) {
            const self = this;
            const horizon = this.horizon;
            return {
                width, height: 230, series, bands,
                legend: {show: false},
                cursor: {drag: {x: false, y: false}, points: {size: 6}},
                scales: {x: {time: false, range: () => [1, horizon]}},
                axes: [
                    {space: 56, incrs: [1, 2, 4, 8, 12, 20, 40, 80], size: 36,
                        values: (u, splits) => splits.map(t => Number.isInteger(t) ? quarterOf(t) : '')},
                    {label: this.axisLabel, labelSize: this.axisLabel ? 16 : 0, labelFont: '11px system-ui, sans-serif', size: 54,
                        font: '11px system-ui, sans-serif', values: (u, splits) => splits.map(fmt)}
                ],
                hooks: {setCursor: [u => self.legend(u.cursor.idx)], draw: [u => self.drawForkMark(u)]}
            };
        }

        /** The legend: colour, label and value of each line at the hovered quarter, or at the latest. */
        legend(idx) {
            const n = this.x.length;
            const at = idx === null || idx === undefined ? this.lastIndex() : idx;
            const parts = [];
            parts.push('<span class="at">' + (at >= 0 && at < n ? this.quarters[at] : '') + '</span>');
            for (const v of this.view) {
                const main = v.main && at >= 0 ? v.main[at] : null;
                const par = v.parent && at >= 0 ? v.parent[at] : null;
                let html = '<span class="item" title="' + esc(v.key + (v.unit ? ' [' + v.unit + ']' : '')) + '">';
                if (v.lower && v.upper) {
                    html += '<i class="band" style="background:' + v.colour + '"></i>';
                }
                html += '<i style="border-color:' + v.colour + '"></i>' + esc(v.label) + ' <span class="v">'
                    + fmt(main) + '</span>';
                if (v.parent) {
                    html += ' <i class="dashed" style="border-color:' + v.colour + '"></i><span class="pv">' + fmt(par) + '</span>';
                }
                parts.push(html + '</span>');
            }
            this.legendEl.innerHTML = parts.join('');
        }

        lastIndex() {
            for (let i = this.x.length - 1; i >= 0; i--) {
                if (this.view.some(v => v.main && v.main[i] !== null)) {
                    return i;
                }
            }
            return this.x.length - 1;
        }

        resize() {
            if (this.plot) {
                this.plot.setSize({width: Math.max(300, this.plotEl.clientWidth), height: 230});
            }
        }

        /** What this chart has drawn: the uPlot series (label, dashed) and data, x first. */
        drawn() {
            if (!this.plot) {
                return null;
            }
            return {
                series: this.plot.series.slice(1).map(s => ({label: s.label, dashed: !!(s.dash && s.dash.length)})),
                bands: (this.plot.bands || []).map(b => b.series),
                data: this.plot.data.map(a => Array.from(a))
            };
        }

        describe() {
            return {
                id: this.spec.id, title: this.spec.title, sections: this.spec.sections, unit: this.unit,
                ticks: this.x, quarters: this.quarters, forkTick: this.forkTick || null,
                lines: this.view.map(v => ({key: v.key, label: v.label, unit: v.unit, colour: v.colour, main: v.main,
                    parent: v.parent, lower: v.lower, upper: v.upper}))
            };
        }
    }

    function esc(s) {
        return String(s).replace(/[&<>"]/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'}[c]));
    }

    // ------------------------------------------------------------------------------------ the page

    const state = {main: null, parent: null, band: null, charts: [], catalogue: {}, error: null, updates: 0,
        ready: false, runs: null, experiment: null};
    const $ = id => document.getElementById(id);

    function render() {
        // no charts without a run to draw (no run chosen, or an unknown one)
        $('charts').hidden = !(state.main || state.parent);
        const horizon = Math.max(state.main && state.main.run ? state.main.run.ticks : 0,
            state.parent && state.parent.run ? state.parent.run.ticks : 0);
        for (const c of state.charts) {
            c.update(state.main, state.parent, state.band, horizon);
        }
        renderStatus();
        state.updates++;
    }

    let pending = false;

    /** Redraws once per animation frame at most; the state is current at once. */
    function changed() {
        if (!pending) {
            pending = true;
            requestAnimationFrame(() => {
                pending = false;
                render();
            });
        }
    }

    function renderStatus() {
        const m = state.main;
        const el = $('status');
        if (!m || !m.run) {
            el.textContent = state.error ? '' : m ? 'loading…' : state.runs === 0
                ? 'No runs yet: start one (./simulate --keep-running, or POST /api/runs on firm-service); it is listed '
                    + 'here once its RUN_STARTED reaches indicator-service.'
                : 'Choose a run above.';
        } else {
            const r = m.run;
            const q = m.quarters.length ? m.quarters[m.quarters.length - 1] : 'no quarter yet';
            let html = '<span class="live-dot' + (m.connected ? ' on' : '') + '" title="'
                + (m.connected ? 'following the stream' : 'not streaming') + '"></span>'
                + '<b>' + esc(r.scenario) + '</b> · run <code>' + esc(r.id) + '</code> · seed ' + esc(r.seed) + ' · '
                + esc(r.firms) + ' firms · <span class="badge ' + esc(m.status) + '">' + esc(m.status) + '</span> · tick <b>'
                + m.lastTick + '</b> of ' + esc(r.ticks) + ' · <b>' + esc(q) + '</b>';
            if (r.parentRunId) {
                html += ' · fork of <code>' + esc(r.parentRunId) + '</code> from tick <b>' + esc(r.forkTick) + '</b>';
            }
            const p = state.parent;
            if (p && p.run) {
                html += ' &nbsp;|&nbsp; dashed: <b>' + esc(p.run.scenario) + '</b> · run <code>' + esc(p.id)
                    + '</code> · ' + esc(p.status) + ' · tick ' + p.lastTick;
            }
            if (state.band) {
                html += ' &nbsp;|&nbsp; shaded: ' + esc(state.band.label || 'band');
            }
            const x = state.experiment && state.experiment.view;
            if (x) {
                html += ' &nbsp;|&nbsp; experiment <b>' + esc(x.name) + '</b> · ' + esc(x.status) + ' · '
                    + (x.runs.finished + x.runs.cancelled + x.runs.failed) + '/' + x.runs.total + ' runs ended';
            }
            el.innerHTML = html;
        }
        // the pickers name each run's progress as listed; keep the two runs on show current
        for (const [sel, t] of [[$('run-picker'), m], [$('parent-picker'), state.parent]]) {
            const o = t && t.run ? [...sel.options].find(op => op.value === t.id) : null;
            if (o) {
                o.textContent = optionText(t.run, t.status, t.lastTick);
            }
        }
        const errors = [state.error, m && m.error, state.parent && state.parent.error].filter(e => e);
        $('error').hidden = errors.length === 0;
        $('error').textContent = errors.join(' · ');
    }

    /** Loads and follows run {@code id} as the main run or as the parent (dashed); false if it cannot be loaded. */
    async function startTrack(id, role) {
        const track = new Track(id, changed);
        state[role] = track;
        try {
            await track.start();
        } catch (e) {
            track.close();
            if (state[role] === track) {
                state[role] = null;
            }
            const what = role === 'parent' ? 'Run to compare with' : 'Run';
            state.error = e.status === 404
                ? what + " '" + id + "' is unknown to indicator-service (404): pick one of the runs listed above."
                : what + " '" + id + "' could not be loaded: " + e.message;
            changed();
            return false;
        }
        changed();
        return true;
    }

    async function fillPickers(runId, parentId) {
        let runs = [];
        try {
            runs = await getJson('/api/runs');
        } catch (e) {
            state.error = 'The list of runs could not be loaded: ' + e.message;
        }
        for (const [sel, current] of [[$('run-picker'), runId], [$('parent-picker'), parentId]]) {
            const keep = sel.options[0];
            sel.innerHTML = '';
            sel.appendChild(keep);
            for (const r of runs) {
                const o = document.createElement('option');
                o.value = r.id;
                o.textContent = optionText(r, r.status, r.lastTick);
                sel.appendChild(o);
            }
            sel.value = runs.some(r => r.id === current) ? current : '';
        }
        state.runs = runs.length;
        renderStatus();
        return runs;
    }

    function optionText(r, status, lastTick) {
        return r.scenario + ' · seed ' + r.seed + ' · ' + status + ' ' + lastTick + '/' + r.ticks + ' · ' + r.id;
    }

    function navigate(run, parent) {
        const q = new URLSearchParams();
        if (run) {
            q.set('run', run);
        }
        if (parent) {
            q.set('parent', parent);
        }
        location.search = q.toString();
    }

    const num = v => (typeof v === 'number' && isFinite(v)) ? v : null;

    /**
     * An experiment (?experiment=ID[&cell=NAME]): the band is the cell's 95% CI over the replicates in so far, refreshed
     * every 2 s while the experiment runs; solid is the cell's first started run, dashed the control's run of the same
     * replicate (common random numbers). The cell defaults to the first one that is not the control.
     */
    async function followExperiment(id, cellName) {
        const base = '/api/experiments/' + encodeURIComponent(id);
        state.experiment = {id, cell: cellName, view: null};
        const refresh = async () => {
            let view;
            let series;
            let runs;
            try {
                view = await getJson(base);
                const cell = cellName || (view.cells.find(c => c.name !== view.control) || view.cells[0]).name;
                state.experiment.cell = cell;
                series = await getJson(base + '/series?cell=' + encodeURIComponent(cell));
                runs = await getJson(base + '/runs');
            } catch (e) {
                state.error = "Experiment '" + id + "' could not be loaded: " + e.message;
                changed();
                return;
            }
            state.experiment.view = view;
            const cell = state.experiment.cell;
            const lower = {};
            const upper = {};
            let n = 0;
            for (const [k, v] of Object.entries(series.indicators)) {
                lower[k] = v.at.map(x => num(x.lo));
                upper[k] = v.at.map(x => num(x.hi));
                v.at.forEach(x => n = Math.max(n, x.n || 0));
            }
            api.setBand({label: '95% CI of ' + cell + ' over ' + n + ' of ' + view.replicates + ' replicates (experiment '
                    + view.name + ')', ticks: series.ticks, quarters: series.quarters, lower, upper});
            if (!state.main) {
                const mine = runs.find(r => r.cell === cell && r.status !== 'QUEUED');
                if (mine) {
                    await startTrack(mine.runId, 'main');
                }
            }
            if (state.main && !state.parent && cell !== view.control) {
                const rep = runs.find(r => r.runId === state.main.id);
                const ctl = runs.find(r => r.cell === view.control && rep && r.replicate === rep.replicate
                    && r.status !== 'QUEUED');
                if (ctl) {
                    await api.setParent(ctl.runId);
                }
            }
            changed();
            if (view.status === 'RUNNING') {
                setTimeout(refresh, 2000);
            }
        };
        await refresh();
    }

    async function main() {
        const params = new URLSearchParams(location.search);
        const runId = params.get('run');
        const parentId = params.get('parent');
        const experimentId = params.get('experiment');
        try {
            for (const i of await getJson('/api/indicators')) {
                state.catalogue[i.key] = i;
            }
        } catch (e) {
            state.error = 'The indicator catalogue could not be loaded: ' + e.message;
        }
        const grid = $('charts');
        state.charts = CHARTS.map(spec => new Chart(spec, state.catalogue, grid));
        $('run-picker').addEventListener('change', e => navigate(e.target.value, $('parent-picker').value));
        $('parent-picker').addEventListener('change', e => navigate($('run-picker').value, e.target.value));
        $('run-picker').addEventListener('focus', () => fillPickers($('run-picker').value, $('parent-picker').value));
        window.addEventListener('resize', () => state.charts.forEach(c => c.resize()));
        await fillPickers(runId, parentId);
        renderStatus();
        if (experimentId) {
            await followExperiment(experimentId, params.get('cell'));
        } else if (runId) {
            await startTrack(runId, 'main');
            // a fork is drawn against its parent unless ?parent= names another run
            const forkParent = state.main && state.main.run ? state.main.run.parentRunId : null;
            if (parentId || forkParent) {
                await api.setParent(parentId || forkParent);
            }
        }
        render();
        state.ready = true;
    }

    /** The page's state and controls; the contract is in docs/live.md. */
    const api = {
        get ready() {
            return state.ready;
        },
        get updates() {
            return state.updates;
        },
        get run() {
            return state.main ? state.main.describe() : null;
        },
        /** The experiment followed (?experiment=), with the last GET /api/experiments/{id}, or null. */
        get experiment() {
            return state.experiment ? {id: state.experiment.id, cell: state.experiment.cell,
                status: state.experiment.view ? state.experiment.view.status : null,
                runs: state.experiment.view ? state.experiment.view.runs : null} : null;
        },
        get parent() {
            return state.parent ? state.parent.describe() : null;
        },
        get error() {
            return [state.error, state.main && state.main.error].filter(e => e).join(' · ') || null;
        },
        get charts() {
            return state.charts.map(c => c.describe());
        },
        /** Everything above as one JSON document (for tests and tools). */
        json() {
            return JSON.stringify({ready: state.ready, updates: state.updates, run: api.run, parent: api.parent,
                experiment: api.experiment,
                band: state.band ? {label: state.band.label} : null, error: api.error, charts: api.charts});
        },
        /** What chart {@code id} has drawn: uPlot's series (label, dashed), bands and data arrays, x first. */
        drawn(id) {
            const c = state.charts.find(ch => ch.spec.id === id);
            return c ? c.drawn() : null;
        },
        /** Draws run {@code id} dashed (and follows it while it runs); null removes it. */
        async setParent(id) {
            if (state.parent) {
                state.parent.close();
            }
            state.parent = null;
            const ok = id ? await startTrack(id, 'parent') : true;
            const picker = $('parent-picker');
            if (ok && [...picker.options].some(o => o.value === (id || ''))) {
                picker.value = id || '';
            }
            changed();
            return ok;
        },
        /**
         * Shades a band behind the lines: {label, ticks: [t…], quarters?: [q…], lower: {key: [v…]}, upper: {key: [v…]}},
         * arrays aligned with ticks, null for no value; keys are the charts' line keys. null removes it.
         */
        setBand(band) {
            if (band) {
                for (const side of ['lower', 'upper']) {
                    for (const [k, v] of Object.entries(band[side] || {})) {
                        if (!Array.isArray(v) || v.length !== band.ticks.length) {
                            throw new Error('band.' + side + "['" + k + "'] must have one value per tick ("
                                + band.ticks.length + ')');
                        }
                    }
                }
                state.band = {label: band.label, ticks: band.ticks.slice(), quarters: band.quarters || null,
                    lower: band.lower || {}, upper: band.upper || {}};
            } else {
                state.band = null;
            }
            changed();
        },
        quarterOf,
        keys: {national: NATIONAL_KEYS, regional: REGION_KEYS}
    };
    window.liveCharts = api;

    if (typeof uPlot === 'undefined') {
        state.error = 'The chart library (uPlot WebJar) did not load.';
        renderStatus();
        return;
    }
    main().catch(e => {
        state.error = 'The page failed: ' + e.message;
        renderStatus();
    });
})();
