// Lists every method and constructor call of the given Groovy scripts, as the sandbox will meet them, one JSON
// object per line: {file, line, kind: new|static|method|self|def, type, supers, name, argc} (def: a method the script
// defines). `type` is the class of a
// constructor or static call, or the declared type of a receiver variable (null when dynamic); `supers` its
// superclasses and interfaces; `self` is a call without a receiver (a pipeline step or the script's own method).
// Usage: groovy SandboxCalls.groovy <file.groovy>...   (test/sandbox-whitelist.test.ts runs it)
import groovy.json.JsonOutput
import org.codehaus.groovy.ast.ClassCodeVisitorSupport
import org.codehaus.groovy.ast.ClassNode
import org.codehaus.groovy.ast.expr.CastExpression
import org.codehaus.groovy.ast.expr.ClassExpression
import org.codehaus.groovy.ast.expr.ConstructorCallExpression
import org.codehaus.groovy.ast.expr.Expression
import org.codehaus.groovy.ast.expr.MethodCallExpression
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression
import org.codehaus.groovy.ast.expr.TupleExpression
import org.codehaus.groovy.ast.expr.VariableExpression
import org.codehaus.groovy.control.CompilationUnit
import org.codehaus.groovy.control.Phases
import org.codehaus.groovy.control.SourceUnit

List<String> supersOf(ClassNode type) {
    if (type == null) {
        return []
    }
    Class c
    try {
        c = type.typeClass
    } catch (Throwable ignored) {
        return [type.name]
    }
    Set<String> out = new LinkedHashSet<>()
    List<Class> todo = [c]
    while (todo) {
        Class k = todo.remove(0)
        if (k == null || !out.add(k.name)) {
            continue
        }
        todo << k.superclass
        todo.addAll(k.interfaces as List)
    }
    out << 'java.lang.Object'
    return out as List
}

int argCount(Expression args) {
    return args instanceof TupleExpression ? (args as TupleExpression).expressions.size() : 1
}

def unit = new CompilationUnit()
args.each { unit.addSource(new File(it)) }
unit.compile(Phases.SEMANTIC_ANALYSIS)
List<Map> calls = []
unit.iterator().each { SourceUnit source ->
    String file = new File(source.name).name
    def visitor = new ClassCodeVisitorSupport() {
        protected SourceUnit getSourceUnit() { return source }

        void visitConstructorCallExpression(ConstructorCallExpression call) {
            calls << [file: file, line: call.lineNumber, kind: 'new', type: call.type.name, supers: [call.type.name], name: '<init>',
                      argc: argCount(call.arguments)]
            super.visitConstructorCallExpression(call)
        }

        void visitStaticMethodCallExpression(StaticMethodCallExpression call) {
            calls << [file: file, line: call.lineNumber, kind: 'static', type: call.ownerType.name, supers: [call.ownerType.name],
                      name: call.method, argc: argCount(call.arguments)]
            super.visitStaticMethodCallExpression(call)
        }

        void visitMethodCallExpression(MethodCallExpression call) {
            Expression recv = call.objectExpression
            int argc = argCount(call.arguments)
            if (call.implicitThis) {
                calls << [file: file, line: call.lineNumber, kind: 'self', type: null, supers: [], name: call.methodAsString, argc: argc]
            } else if (recv instanceof ClassExpression) {
                calls << [file: file, line: call.lineNumber, kind: 'static', type: recv.type.name, supers: [recv.type.name],
                          name: call.methodAsString, argc: argc]
            } else {
                ClassNode declared = null
                String receiverName = null
                if (recv instanceof CastExpression) {
                    declared = (recv as CastExpression).type
                } else if (recv instanceof VariableExpression) {
                    receiverName = (recv as VariableExpression).name
                    def v = (recv as VariableExpression).accessedVariable
                    ClassNode t = v?.originType
                    if (t != null && !t.name.equals('java.lang.Object')) {
                        declared = t
                    }
                }
                calls << [file: file, line: call.lineNumber, kind: 'method', type: declared?.name, supers: supersOf(declared),
                          name: call.methodAsString, argc: argc, receiver: receiverName]
            }
            super.visitMethodCallExpression(call)
        }
    }
    source.AST.classes.each { ClassNode c ->
        c.methods.findAll { !it.synthetic && it.lineNumber > 0 }.each { calls << [file: file, line: it.lineNumber, kind: 'def', name: it.name] }
        visitor.visitClass(c)
    }
    source.AST.statementBlock?.visit(visitor)
}
calls.each { println JsonOutput.toJson(it) }
