import { SimulationForm } from '../../features/simulations/components/simulation-form';
import { SimulationList } from '../../features/simulations/components/simulation-list';
import { IfCan } from '../../lib/session';
import { LabTabs } from './lab-tabs';
import { PageTitle } from './page-title';

export default function SimulationsPage() {
  return (
    <>
      <PageTitle title="Simulations" />
      <LabTabs current="simulations" />
      <IfCan need="operator">
        <section className="card" aria-labelledby="new-simulation-title">
          <h2 id="new-simulation-title">New simulation</h2>
          <p className="muted">
            Bars played through the same rules as live trading, with a test clock and a paper broker. Nothing
            is traded.
          </p>
          <SimulationForm />
        </section>
      </IfCan>
      <section className="card" aria-labelledby="simulations-title">
        <h2 id="simulations-title">Simulations</h2>
        <SimulationList />
      </section>
    </>
  );
}
