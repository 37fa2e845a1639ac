// Placeholder until its screen lands (issue 11).
export default function SurveyPage() {
  return <div data-testid="SurveyPage" />;
}
