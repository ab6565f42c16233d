import { OptimizationForm } from '../../features/simulations/components/optimization-form';
import { OptimizationList } from '../../features/simulations/components/optimization-list';
import { IfCan } from '../../lib/session';
import { LabTabs } from './lab-tabs';
import { PageTitle } from './page-title';

export default function OptimizationsPage() {
  return (
    <>
      <PageTitle title="Optimizations" />
      <LabTabs current="optimizations" />
      <IfCan need="operator">
        <section className="card" aria-labelledby="new-optimization-title">
          <h2 id="new-optimization-title">New optimization</h2>
          <p className="muted">
            One simulation per combination of the values you give, on worker threads, ranked by the metric you
            pick.
          </p>
          <OptimizationForm />
        </section>
      </IfCan>
      <section className="card" aria-labelledby="optimizations-title">
        <h2 id="optimizations-title">Optimizations</h2>
        <OptimizationList />
      </section>
    </>
  );
}
