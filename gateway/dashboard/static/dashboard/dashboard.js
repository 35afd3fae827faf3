/* Ledgerlink dashboard: draws the charts whose data the page carries (json_script) and copies
   shown-once secrets to the clipboard. No inline script: the page's CSP forbids it. */
(function () {
  "use strict";

  var COLORS = ["#2f5bea", "#e8833a", "#137a4b", "#b42318"];

  function drawCharts() {
    var source = document.getElementById("dashboard-charts");
    if (!source || !window.Chart) {
      return;
    }
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var spec = charts[canvas.getAttribute("data-chart")];
      if (!spec) {
        return;
      }
      var empty = spec.labels.length === 0 || spec.datasets.every(function (d) {
        return d.data.every(function (v) { return v === null || v === 0; });
      });
      if (empty) {
        var note = document.createElement("p");
        note.className = "chart-empty";
        note.textContent = canvas.getAttribute("data-empty") || "Nothing recorded yet.";
        canvas.parentNode.classList.add("is-empty");
        canvas.parentNode.replaceChild(note, canvas);
        return;
      }
      var twoAxes = spec.datasets.some(function (d) { return d.axis === "right"; });
      var scales = { y: { beginAtZero: true, position: "left" } };
      if (spec.percent) {
        scales.y.max = 100;
      }
      if (spec.stacked) {
        scales.x = { stacked: true };
        scales.y.stacked = true;
      }
      if (twoAxes) {
        scales.y1 = { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } };
      }
      if (spec.integer) {
        scales.y.ticks = { precision: 0 };
        if (scales.y1) {
          scales.y1.ticks = { precision: 0 };
        }
      }
      new window.Chart(canvas, {
        type: spec.type,
        data: {
          labels: spec.labels,
          datasets: spec.datasets.map(function (d, i) {
            var right = d.axis === "right";
            return {
              label: d.label,
              data: d.data,
              type: right && spec.type === "bar" ? "line" : spec.type,
              yAxisID: right ? "y1" : "y",
              backgroundColor: d.color || COLORS[i % COLORS.length],
              borderColor: d.color || COLORS[i % COLORS.length],
              borderWidth: 2,
              pointRadius: 2,
              maxBarThickness: 40,
              spanGaps: true,
              tension: 0.25
            };
          })
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: "index", intersect: false },
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
          scales: scales
        }
      });
    });
  }

  function copyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var target = document.getElementById(button.getAttribute("data-copy"));
        if (!target || !navigator.clipboard) {
          return;
        }
        navigator.clipboard.writeText(target.value || target.textContent).then(function () {
          button.textContent = "Copied";
        });
      });
    });
  }

  function confirmForms() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });
  }

  drawCharts();
  copyButtons();
  confirmForms();
})();
