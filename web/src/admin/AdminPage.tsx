// Placeholder until its screen lands (issue 11).
export default function AdminPage() {
  return <div data-testid="AdminPage" />;
}
