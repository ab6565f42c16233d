/** What the engine said about a form as a whole (a refusal that names no field). */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}
