import type { StructuredToolInterface } from '@langchain/core/tools';
import type { ToolMessage } from '@langchain/core/messages';

let counter = 0;

/**
 * Invokes a content-and-artifact tool the way an agent does (with a tool call), returning its artifact.
 * The offline planner uses this so it runs exactly the tool code the LLM agent runs.
 */
export async function callTool<A>(tool: StructuredToolInterface, args: Record<string, unknown>): Promise<A> {
  const message = (await tool.invoke({
    type: 'tool_call',
    id: `planner-${++counter}`,
    name: tool.name,
    args,
  })) as ToolMessage;
  return message.artifact as A;
}

export function findTool(tools: readonly StructuredToolInterface[], name: string): StructuredToolInterface {
  const found = tools.find((t) => t.name === name);
  if (!found) throw new Error(`tool ${name} is not registered`);
  return found;
}
