// Loaded on demand by ck-chart: the only module that imports chart.js code.
// Registering just these pieces lets bundlers drop the rest of chart.js.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(LineController, BarController, LinearScale, CategoryScale, PointElement, LineElement, BarElement, Legend, Tooltip, Filler);

export { Chart };
