/*
 * Statistik: draws a bar chart (Apache ECharts, SVG) beside every table of the report,
 * from the table's own rows (data-chart-label, data-chart-value, data-chart-shown), so
 * the chart cannot show other figures than the table. The chart is aria-hidden: the
 * table is the figures' accessible form, and without JavaScript the page is the tables.
 * A suppressed figure has no value: its bar is empty and labelled "<5" as in the table.
 */
(function () {
	'use strict';

	if (typeof window.echarts === 'undefined') {
		return;
	}

	var BLUE = '#0059b3';
	var TEXT = '#1a1a1a';
	var charts = [];

	function rowsOf(table) {
		var rows = table.querySelectorAll('tr[data-chart-label]');
		return Array.prototype.map.call(rows, function (row) {
			var value = row.getAttribute('data-chart-value');
			return {
				label: row.getAttribute('data-chart-label'),
				value: (value === null || value === '') ? null : Number(value),
				shown: row.getAttribute('data-chart-shown')
			};
		});
	}

	function draw(container) {
		var table = document.getElementById(container.getAttribute('data-chart-table'));
		if (!table) {
			return;
		}
		var rows = rowsOf(table);
		container.classList.add('statistik-diagram--tegnet');
		var chart = window.echarts.init(container, null, { renderer: 'svg' });
		chart.setOption({
			animation: false,
			grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
			xAxis: { type: 'value', minInterval: 1, axisLabel: { color: TEXT } },
			yAxis: {
				type: 'category',
				inverse: true,
				data: rows.map(function (row) { return row.label; }),
				axisLabel: { color: TEXT, width: 180, overflow: 'break' }
			},
			series: [{
				type: 'bar',
				itemStyle: { color: BLUE },
				label: {
					show: true,
					position: 'right',
					color: TEXT,
					formatter: function (params) { return rows[params.dataIndex].shown; }
				},
				// a suppressed figure draws no bar (0) but keeps its "<5"
				data: rows.map(function (row) { return row.value === null ? 0 : row.value; })
			}]
		});
		charts.push(chart);
	}

	Array.prototype.forEach.call(document.querySelectorAll('.statistik-diagram[data-chart-table]'), draw);
	window.addEventListener('resize', function () {
		charts.forEach(function (chart) { chart.resize(); });
	});
}());
